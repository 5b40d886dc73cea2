using System.CommandLine;
using System.Diagnostics;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Runtime;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace MemoryTriggers.Cli.Commands;

/// <summary>
/// <c>memory-config process EVENTS</c>: the main job. Runs trigger events (JSON lines, or a JSON
/// array) through the whole pipeline (gates, trigger policies, rules, actions) against the configured
/// store, and ends with a summary.
/// </summary>
internal static class ProcessCommand
{
    /// <summary>Above this many events, per-event lines give way to a progress bar (on a terminal) and the summary.</summary>
    private const int DetailLimit = 200;

    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var events = new Argument<string>("EVENTS") { Description = "The events: a JSON lines file (one event per line), or a JSON array." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not a line per event." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command(
            "process",
            "Run trigger events through the gates, the trigger policies, the rules and their actions against the configured store (else the development defaults: a local SQLite file in ./dev_memory_storage/), and summarize.")
        {
            events, shared.Config, shared.Policies, format, quiet,
        };
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(context, () => RunAsync(
            context, result.GetValue(events)!, result.GetValue(shared.Config), shared.Store(result, context), result.GetValue(format) == "json", result.GetValue(quiet), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string eventsPath, string? configPath, PolicyStore policyStore, bool json, bool quiet, CancellationToken cancellationToken)
    {
        var errors = new Painter(context.Error, context.UseColor);
        if (!File.Exists(eventsPath))
        {
            context.Error.WriteLine($"{eventsPath}: no such file");
            return ExitCodes.Failure;
        }

        if (!policyStore.Exists)
        {
            context.Error.WriteLine($"no policy directory at {policyStore.Directory} ({policyStore.Origin}); pass --policies DIR");
            return ExitCodes.Failure;
        }

        var loaded = policyStore.Load();
        ReportWriter.WriteIssues(errors, loaded.Issues.Where(i => i.IsError));
        if (loaded.Issues.Any(i => i.IsError))
        {
            return ExitCodes.Failure;
        }

        if (ConfigSource.Load(configPath, context) is not { } config)
        {
            return ExitCodes.Failure;
        }

        var reads = TriggerEventReader.ReadFile(eventsPath).ToList();
        var invalid = reads.Where(r => r.Issue is not null).Select(r => r.Issue!).ToList();
        ReportWriter.WriteIssues(errors, invalid);
        var logger = new StandardErrorLogger(context.Error, LogLevel.Warning);
        using var loggers = new SingleLoggerFactory(logger);
        IMemoryStore store;
        try
        {
            store = await MemoryStoreFactory.CreateDefault(TimeProvider.System, loggers, name => context.Variables.GetValueOrDefault(name)).OpenAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryTriggersException exception)
        {
            context.Error.WriteLine($"memory-config: cannot open the memory store: {exception.Message}");
            return ExitCodes.BackendUnavailable;
        }

        await using (store.ConfigureAwait(false))
        {
            using var service = new MemoryTriggerService(config, loaded.Policies, store, new MemoryTriggerServiceOptions
            {
                LoggerFactory = loggers,
                EnvironmentVariable = name => context.Variables.GetValueOrDefault(name),
            });
            var valid = reads.Where(r => r.Event is not null).Select(r => r.Event!).ToList();
            var detailed = valid.Count <= DetailLimit;
            var report = new ProcessReport { InvalidLines = invalid.Count };
            var painter = new Painter(context.Out, context.UseColor);
            var clock = Stopwatch.StartNew();
            if (!detailed && context.IsTerminal && !json)
            {
                await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) }).Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("processing events", maxValue: valid.Count);
                    foreach (var e in valid)
                    {
                        report.Add(await service.ProcessAsync(e, cancellationToken).ConfigureAwait(false), keep: false);
                        task.Increment(1);
                    }
                }).ConfigureAwait(false);
            }
            else
            {
                foreach (var e in valid)
                {
                    var result = await service.ProcessAsync(e, cancellationToken).ConfigureAwait(false);
                    report.Add(result, keep: json);
                    if (detailed && !quiet && !json)
                    {
                        painter.Line(ProcessReport.Line(result));
                        if (result.Pattern is { } pattern)
                        {
                            painter.Line("  -> " + ProcessReport.Line(pattern));
                        }
                    }
                }
            }

            report.Elapsed = clock.Elapsed;
            var where = StoreName(config);
            if (json)
            {
                context.Out.WriteLine(PlainJson.Document(w => report.WriteJson(w, where)));
            }
            else
            {
                if (detailed && !quiet)
                {
                    painter.Line(string.Empty);
                }

                report.WriteText(painter, where);
            }

            return invalid.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        }
    }

    private static string StoreName(Configuration.MemoryTriggerConfig config) =>
        config.Backend.BackendType == Configuration.MemoryBackend.Local
            ? "local store " + (config.Backend.BackendSettings.TryGetValue("local_storage_path", out var path) ? path?.ToString() : "./memory-triggers.db")
            : YamlNames.Of(config.Backend.BackendType) + " store";
}
