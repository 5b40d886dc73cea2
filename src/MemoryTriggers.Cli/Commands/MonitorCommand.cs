using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using MemoryTriggers.Actions;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Validation;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Cli.Commands;

/// <summary>
/// <c>memory-config monitor</c>: a running view of configuration health (every reload, and every
/// refused edit with why the last good configuration stays), backend health and store counts;
/// with <c>--alerts</c>, degradation goes to the configured alert channels. Ctrl+C ends it (exit 0).
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var interval = new Option<double>("--interval") { Description = "Seconds between backend checks.", DefaultValueFactory = _ => 5 };
        var alerts = new Option<bool>("--alerts") { Description = "Send degradation (refused reloads, backend unavailable) to the configured alert channels." };
        var command = new Command("monitor", "Watch configuration health, reloads and refused edits, backend health and store counts until Ctrl+C.")
        {
            shared.Config, shared.Policies, interval, alerts,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 86_400 || double.IsNaN(result.GetValueOrDefault<double>()))
            {
                result.AddError("--interval must be more than 0 and at most 86400 seconds");
            }
        });
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(context, () => RunAsync(
            context, result.GetValue(shared.Config), result.GetValue(shared.Policies), TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(alerts), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? configPath, string? policies, TimeSpan interval, bool sendAlerts, CancellationToken cancellationToken)
    {
        var painter = new Painter(context.Out, context.UseColor);
        var lines = Channel.CreateUnbounded<(string Text, string? Style, string? Alert)>();
        MemoryTriggerConfigManager? manager = null;
        MemoryTriggerConfig config;
        if (configPath is null)
        {
            if (ConfigSource.Load(null, context) is not { } defaults)
            {
                return ExitCodes.Failure;
            }

            config = defaults;
            Line(painter, $"config   {ConfigSource.DefaultsName} ({YamlNames.Of(config.Environment)}): valid; nothing to watch (pass --config FILE)", "green");
        }
        else
        {
            var policyDirectory = PolicyStore.Resolve(policies, configPath, context) is { Exists: true } store ? store.Directory : null;
            var options = new MemoryTriggerConfigManagerOptions { ConfigPath = configPath, PolicyDirectory = policyDirectory, LoadOptions = new LoadOptions { EnvironmentVariables = context.Variables } };
            if (!MemoryTriggerConfigManager.TryCreate(options, out manager, out var issues))
            {
                ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), issues);
                context.Error.WriteLine($"{configPath}: the configuration has errors; nothing to monitor until they are fixed");
                return ExitCodes.Failure;
            }

            var snapshot = manager.Current;
            config = snapshot.Config;
            Line(painter, $"config   {configPath} version {snapshot.Version} (sha256 {snapshot.ConfigHash[..12]}), {YamlNames.Of(config.Environment)}, {snapshot.Policies.Rules.Count} rules{(policyDirectory is null ? string.Empty : " from " + policyDirectory)}, performance score {snapshot.PerformanceScore.ToString("0.#", CultureInfo.InvariantCulture)}; {(manager.IsWatching || manager.IsPolling ? "watching for edits" : "not watching (auto_reload or hot_reloading is off)")}", "green");
            manager.Reloaded += (_, e) => lines.Writer.TryWrite(($"config   reloaded to version {e.Current.Version}: {e.Changes}", "green", null));
            manager.ReloadFailed += (_, e) => lines.Writer.TryWrite((
                $"config   edit REFUSED; version {e.Current.Version} stays in force. Why: {string.Join("; ", e.Errors.Select(Describe))}",
                "red",
                $"Configuration edit of {configPath} refused; version {e.Current.Version} stays in force: {string.Join("; ", e.Errors.Select(Describe))}"));
        }

        await using (manager)
        {
            var logger = new StandardErrorLogger(context.Error, LogLevel.Warning);
            using var loggers = new SingleLoggerFactory(logger);
            var environment = (Func<string, string?>)(name => context.Variables.GetValueOrDefault(name));
            var alertSink = sendAlerts ? PolicyActionExecutors.CreateAlertSink(config, PolicyActionExecutors.CreateDefaultHttpClientFactory(), loggers, TimeProvider.System, environment) : null;
            IMemoryStore? store = null;
            string? lastHealth = null;
            try
            {
                using var timer = new PeriodicTimer(interval);
                do
                {
                    store ??= await TryOpenAsync(config, loggers, environment, cancellationToken).ConfigureAwait(false);
                    var (health, healthy) = await HealthAsync(config, store, cancellationToken).ConfigureAwait(false);
                    if (health != lastHealth)
                    {
                        var alert = !healthy && (lastHealth is null || !lastHealth.Contains("UNAVAILABLE", StringComparison.Ordinal)) ? health : null;
                        lines.Writer.TryWrite((health, healthy ? null : "red", alert));
                        lastHealth = health;
                    }

                    while (lines.Reader.TryRead(out var line))
                    {
                        Line(painter, line.Text, line.Style);
                        if (line.Alert is { } message && alertSink is not null)
                        {
                            await SendAsync(alertSink, message, painter, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                while (await WaitAsync(timer, lines.Reader, cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                if (store is not null)
                {
                    await store.DisposeAsync().ConfigureAwait(false);
                }
            }

            Line(painter, "monitor  stopped", null);
            return ExitCodes.Success;
        }
    }

    /// <summary>Waits for the next tick or the next line, whichever comes first; false never (the loop ends by cancellation).</summary>
    private static async Task<bool> WaitAsync(PeriodicTimer timer, ChannelReader<(string, string?, string?)> lines, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tick = timer.WaitForNextTickAsync(linked.Token).AsTask();
        var line = lines.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(tick, line).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await linked.CancelAsync().ConfigureAwait(false);
        return true;
    }

    private static async Task<IMemoryStore?> TryOpenAsync(MemoryTriggerConfig config, ILoggerFactory loggers, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        try
        {
            return await MemoryStoreFactory.CreateDefault(TimeProvider.System, loggers, environment).OpenAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryTriggersException)
        {
            return null;
        }
    }

    private static async Task<(string Text, bool Healthy)> HealthAsync(MemoryTriggerConfig config, IMemoryStore? store, CancellationToken cancellationToken)
    {
        var backend = YamlNames.Of(config.Backend.BackendType);
        if (store is null)
        {
            return ($"backend  {backend}: UNAVAILABLE (the store cannot be opened)", false);
        }

        try
        {
            var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            return ($"backend  {backend}: healthy; {stats.Total} memories ({stats.Archived} archived, {stats.Expired} expired)", true);
        }
        catch (Exception exception) when (exception is MemoryTriggersException or IOException or HttpRequestException)
        {
            return ($"backend  {backend}: UNAVAILABLE ({exception.Message})", false);
        }
    }

    private static async Task SendAsync(IAlertSink sink, string message, Painter painter, CancellationToken cancellationToken)
    {
        var delivery = await sink.SendAsync(
            new Alert { Type = "memory_triggers_degraded", Message = message, Urgency = "high", Rule = "monitor", DecisionId = Guid.NewGuid().ToString("N"), At = DateTimeOffset.UtcNow },
            cancellationToken).ConfigureAwait(false);
        Line(painter, $"alert    sent to {string.Join(", ", delivery.Delivered)}{(delivery.Failed.Count > 0 ? $"; failed: {string.Join(", ", delivery.Failed.Keys)}" : string.Empty)}", delivery.Failed.Count > 0 ? "red" : null);
    }

    private static string Describe(ValidationIssue issue) =>
        $"{(issue.Location.HasPosition ? $"{issue.File}:{issue.Line}:{issue.Column} " : string.Empty)}{issue.Code} {issue.Message}";

    private static void Line(Painter painter, string text, string? style) =>
        painter.Line(($"[{DateTimeOffset.Now:HH:mm:ss}] ", "grey"), (text, style));
}
