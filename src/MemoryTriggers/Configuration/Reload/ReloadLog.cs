using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>The log messages of <see cref="MemoryTriggerConfigManager"/>.</summary>
internal static partial class ReloadLog
{
    [LoggerMessage(EventId = 7800, EventName = "ConfigLoaded", Level = LogLevel.Information,
        Message = "Loaded configuration {ConfigPath} (version {Version}, hash {Hash}) with {RuleCount} policy rules")]
    public static partial void Loaded(ILogger logger, string configPath, long version, string hash, int ruleCount);

    [LoggerMessage(EventId = 7801, EventName = "ConfigReloaded", Level = LogLevel.Information,
        Message = "Reloaded configuration {ConfigPath} after {Trigger}: {Changes}")]
    public static partial void Reloaded(ILogger logger, string configPath, ReloadTrigger trigger, ConfigChangeSummary changes);

    [LoggerMessage(EventId = 7802, EventName = "ConfigReloadFailed", Level = LogLevel.Error,
        Message = "Reload of {ConfigPath} after {Trigger} refused with {ErrorCount} errors; version {Version} stays in force. First: {File}:{Line} {Code} {Path}: {Reason}. All issues:\n{Issues}")]
    public static partial void ReloadFailed(ILogger logger, Exception? exception, string configPath, ReloadTrigger trigger, int errorCount, long version,
        string? file, int? line, string code, string path, string reason, string issues);

    [LoggerMessage(EventId = 7803, EventName = "ConfigUnchanged", Level = LogLevel.Debug,
        Message = "Configuration {ConfigPath} unchanged after {Trigger} (hash {Hash})")]
    public static partial void Unchanged(ILogger logger, string configPath, ReloadTrigger trigger, string hash);

    [LoggerMessage(EventId = 7804, EventName = "ConfigRecovered", Level = LogLevel.Information,
        Message = "Configuration {ConfigPath} matches the running version {Version} again; the refused edit is gone")]
    public static partial void Recovered(ILogger logger, string configPath, long version);

    [LoggerMessage(EventId = 7805, EventName = "ConfigWatchStarted", Level = LogLevel.Information,
        Message = "Hot reload of {ConfigPath}: watching {Directories} (debounce {Debounce})")]
    public static partial void WatchStarted(ILogger logger, string configPath, IReadOnlyList<string> directories, TimeSpan debounce);

    [LoggerMessage(EventId = 7806, EventName = "ConfigPollingStarted", Level = LogLevel.Information,
        Message = "Hot reload of {ConfigPath}: polling every {Interval}")]
    public static partial void PollingStarted(ILogger logger, string configPath, TimeSpan interval);

    [LoggerMessage(EventId = 7807, EventName = "ConfigWatchStopped", Level = LogLevel.Information,
        Message = "Hot reload of {ConfigPath} is off: {Reason}")]
    public static partial void WatchStopped(ILogger logger, string configPath, string reason);

    [LoggerMessage(EventId = 7808, EventName = "ConfigWatchFailed", Level = LogLevel.Warning,
        Message = "Watching {Directory} failed; polling every {Interval} and restarting the watcher")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string directory, TimeSpan interval);

    [LoggerMessage(EventId = 7809, EventName = "ConfigHandlerFailed", Level = LogLevel.Error,
        Message = "A {Event} handler of the configuration manager threw; the manager carries on")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(EventId = 7810, EventName = "ConfigChangeMissedByWatcher", Level = LogLevel.Warning,
        Message = "The safety poll found a change to {ConfigPath} that the watcher did not report; restarting the watcher")]
    public static partial void ChangeMissed(ILogger logger, string configPath);
}
