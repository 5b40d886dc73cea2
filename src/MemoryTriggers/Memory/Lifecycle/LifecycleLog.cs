using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>The log messages lifecycle cleanup writes.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 7500, EventName = "LifecycleCleanupCompleted", Level = LogLevel.Information, Message = "Lifecycle cleanup: {Summary}")]
    public static partial void Completed(ILogger logger, LifecycleCleanupReport summary);

    [LoggerMessage(EventId = 7501, EventName = "LifecycleCleanupBatch", Level = LogLevel.Debug, Message = "Lifecycle cleanup batch {Batch}: {Count} memories (dry run: {DryRun})")]
    public static partial void Batch(ILogger logger, int batch, int count, bool dryRun);

    [LoggerMessage(EventId = 7502, EventName = "LifecycleCleanupCancelled", Level = LogLevel.Information, Message = "Lifecycle cleanup cancelled after {Batches} batches and {Scanned} memories scanned")]
    public static partial void Cancelled(ILogger logger, int batches, int scanned);

    [LoggerMessage(EventId = 7503, EventName = "LifecycleCleanupFailed", Level = LogLevel.Error, Message = "Lifecycle cleanup failed; the next run is in {Interval}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 7504, EventName = "LifecycleAutoCleanupDisabled", Level = LogLevel.Information, Message = "Automatic lifecycle cleanup is disabled (lifecycle.auto_cleanup_enabled is false)")]
    public static partial void AutoCleanupDisabled(ILogger logger);

    [LoggerMessage(EventId = 7505, EventName = "LifecycleAutoCleanupStarted", Level = LogLevel.Information, Message = "Automatic lifecycle cleanup runs now and every {Interval}")]
    public static partial void AutoCleanupStarted(ILogger logger, TimeSpan interval);
}
