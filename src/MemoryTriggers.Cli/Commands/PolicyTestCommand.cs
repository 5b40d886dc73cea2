using System.CommandLine;
using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Policies;
using MemoryTriggers.Policies.Testing;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Cli.Commands;

/// <summary>
/// <c>memory-config policy test</c>: evaluates the rules against a context (a dry run unless
/// <c>--execute</c>), or runs a test suite in the manner of <c>promtool test rules</c>.
/// </summary>
internal static class PolicyTestCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var contextFile = new Option<string?>("--context") { Description = "A JSON file with the event context to evaluate." };
        var suite = new Option<string?>("--suite") { Description = "A YAML test suite: cases with contexts and expected rules, actions and parameters." };
        var rule = new Option<string?>("--rule") { Description = "Evaluate only this rule." };
        var output = new Option<string?>("--output", "-o") { Description = "Also write the decision as JSON to this file." };
        var explain = new Option<bool>("--explain") { Description = "Show every condition with its field, actual value, expected value and result." };
        var execute = new Option<bool>("--execute")
        {
            Description = "Perform the actions: memory actions on the store of --config (else the development defaults: a local SQLite file in ./dev_memory_storage/), alerts to its channels, webhooks to its allowed hosts.",
        };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("test", "Evaluate the rules against a context (dry run by default), or run a test suite.")
        {
            contextFile, suite, rule, output, explain, execute, format, shared.Policies, shared.Config,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(contextFile) is null) == (result.GetValue(suite) is null))
            {
                result.AddError("give either --context CTX.json or --suite TESTS.yaml");
            }
        });
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(context, () => result.GetValue(suite) is { } suitePath
            ? RunSuiteAsync(context, suitePath, result.GetValue(format)!, shared.Store(result, context), result.GetValue(shared.Policies) is not null || result.GetValue(shared.Config) is not null || context.Variables.ContainsKey(PolicyStore.Variable), cancellationToken)
            : RunContextAsync(context, shared.Store(result, context), result.GetValue(shared.Config), result.GetValue(contextFile)!, result.GetValue(rule), result.GetValue(output), result.GetValue(explain), result.GetValue(execute), result.GetValue(format)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunContextAsync(CliContext context, PolicyStore store, string? configPath, string contextPath, string? rule, string? output, bool explain, bool execute, string format, CancellationToken cancellationToken)
    {
        var errors = new Painter(context.Error, context.UseColor);
        if (!store.Exists)
        {
            context.Error.WriteLine($"no policy directory at {store.Directory} ({store.Origin}); pass --policies DIR");
            return ExitCodes.Failure;
        }

        var loaded = store.Load();
        var issues = new PolicyValidator().ValidateAll(loaded);
        ReportWriter.WriteIssues(errors, issues.Where(i => i.IsError));
        if (issues.Any(i => i.IsError))
        {
            return ExitCodes.Failure;
        }

        if (rule is not null && loaded.Policies.Find(rule) is null)
        {
            var closest = YamlNames.Closest(rule, loaded.Policies.Rules.Select(r => r.Name));
            context.Error.WriteLine($"no rule named '{rule}'{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}");
            return ExitCodes.Failure;
        }

        MemoryTriggerConfig? config = null;
        if (execute && (config = ConfigSource.Load(configPath, context)) is null)
        {
            return ExitCodes.Failure;
        }

        if (!PolicyContextFile.TryRead(contextPath, out var document, out var problem))
        {
            context.Error.WriteLine(problem);
            return ExitCodes.Failure;
        }

        using (document)
        {
            var logger = new StandardErrorLogger(context.Error);
            using var loggers = new SingleLoggerFactory(logger);
            IMemoryStore memoryStore;
            try
            {
                memoryStore = config is null
                    ? new InMemoryMemoryStore(TimeProvider.System)
                    : await MemoryStoreFactory.CreateDefault(TimeProvider.System, loggers, name => context.Variables.GetValueOrDefault(name)).OpenAsync(config, cancellationToken).ConfigureAwait(false);
            }
            catch (MemoryTriggersException exception)
            {
                context.Error.WriteLine($"memory-config: cannot open the memory store: {exception.Message}");
                return ExitCodes.Failure;
            }

            await using (memoryStore.ConfigureAwait(false))
            {
                var executors = config is null
                    ? (IReadOnlyList<IPolicyActionExecutor>)
                    [
                        new MemoryActionExecutor(memoryStore),
                        new AlertActionExecutor(new LogAlertSink(logger), TimeProvider.System),
                        new LogEventExecutor(logger),
                    ]
                    : PolicyActionExecutors.Create(config, memoryStore, PolicyActionExecutors.CreateDefaultHttpClientFactory(), loggers, TimeProvider.System, name => context.Variables.GetValueOrDefault(name));
                var engine = new PolicyEngine(loaded.Policies, new PolicyEngineOptions { Logger = logger, Executors = executors });
                var decision = await engine.ExecuteRulesAsync(document!.RootElement, new EvaluationOptions { DryRun = !execute, Explain = explain, RuleName = rule, IncludeUnmatched = explain || rule is not null }, cancellationToken).ConfigureAwait(false);
                if (format == "json")
                {
                    context.Out.Write(DecisionWriter.Json(decision));
                }
                else
                {
                    DecisionWriter.WriteText(new Painter(context.Out, context.UseColor), decision, explain);
                }

                if (output is not null)
                {
                    AtomicFile.WriteAllText(output, DecisionWriter.Json(decision));
                }

                return decision.Results.Any(r => r.Fired && !r.Succeeded) ? ExitCodes.Failure : ExitCodes.Success;
            }
        }
    }

    private static async Task<int> RunSuiteAsync(CliContext context, string suitePath, string format, PolicyStore store, bool storeChosen, CancellationToken cancellationToken)
    {
        var suite = PolicyTestSuite.LoadFile(suitePath);
        var painter = new Painter(context.Out, context.UseColor);
        if (!suite.Valid)
        {
            ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), suite.Issues);
            return ExitCodes.Failure;
        }

        var report = await new PolicyTestRunner().RunAsync(suite, storeChosen ? store.Directory : null, cancellationToken).ConfigureAwait(false);
        if (format == "json")
        {
            context.Out.Write(PolicyTestReportWriter.Json(report));
        }
        else
        {
            PolicyTestReportWriter.WriteText(painter, report);
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
