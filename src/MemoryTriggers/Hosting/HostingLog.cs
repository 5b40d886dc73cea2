using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Hosting;

/// <summary>The hosting layer's log messages (event ids 7900-7999).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 7900, EventName = "BackendChangeNeedsRestart", Level = LogLevel.Warning, Message = "Configuration version {Version} changes the backend section; the running store keeps the old backend until the service restarts")]
    public static partial void BackendChangeNeedsRestart(ILogger logger, long version);

    [LoggerMessage(EventId = 7901, EventName = "PoliciesRefused", Level = LogLevel.Error, Message = "Configuration version {Version} was not applied to the service: its policies do not compile: {Issues}")]
    public static partial void PoliciesRefused(ILogger logger, long version, string issues);

    [LoggerMessage(EventId = 7902, EventName = "HostStarted", Level = LogLevel.Information, Message = "MemoryTriggers started: configuration version {Version} ({Environment}), {Rules} rules, watching: {Watching}")]
    public static partial void Started(ILogger logger, long version, MemoryTriggers.Configuration.Environment environment, int rules, bool watching);

    [LoggerMessage(EventId = 7903, EventName = "ConfigReloaded", Level = LogLevel.Information, Message = "MemoryTriggers configuration reloaded: {Summary}")]
    public static partial void Reloaded(ILogger logger, MemoryTriggers.Configuration.Reload.ConfigChangeSummary summary);

    [LoggerMessage(EventId = 7904, EventName = "ConfigReloadRefused", Level = LogLevel.Warning, Message = "MemoryTriggers kept configuration version {Version}: the edit was refused: {Errors}")]
    public static partial void Refused(ILogger logger, long version, IEnumerable<MemoryTriggers.Validation.ValidationIssue> errors);

    [LoggerMessage(EventId = 7905, EventName = "QueueLeftPending", Level = LogLevel.Warning, Message = "MemoryTriggers stopped before the background queue drained: {Pending} accepted events stay in the outbox and run at the next start")]
    public static partial void LeftPending(ILogger logger, long pending);
}
