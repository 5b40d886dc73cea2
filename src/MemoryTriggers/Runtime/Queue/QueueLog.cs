using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>The background processor's log messages (event ids 7700-7799).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 7700, EventName = "BackgroundProcessorStarted", Level = LogLevel.Information, Message = "Background processing started: {Workers} workers, queue of {Capacity}, outbox {Outbox}; {Pending} events pending from before run first")]
    public static partial void Started(ILogger logger, int workers, int capacity, string outbox, long pending);

    [LoggerMessage(EventId = 7701, EventName = "BackgroundEventRetrying", Level = LogLevel.Warning, Message = "Event {EventId} failed on attempt {Attempt} of {MaxAttempts}; retrying")]
    public static partial void Retrying(ILogger logger, Exception exception, string eventId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 7702, EventName = "BackgroundEventFailed", Level = LogLevel.Error, Message = "Event {EventId} failed after {Attempts} attempts and is marked failed in the outbox: {Error}")]
    public static partial void Failed(ILogger logger, string eventId, int attempts, string error);

    [LoggerMessage(EventId = 7703, EventName = "BackgroundEventUnreadable", Level = LogLevel.Error, Message = "Outbox entry {Sequence} ({EventId}) cannot be read and is marked failed: {Error}")]
    public static partial void Unreadable(ILogger logger, long sequence, string eventId, string error);

    [LoggerMessage(EventId = 7704, EventName = "BackgroundEventRejected", Level = LogLevel.Debug, Message = "Event {EventId} rejected ({Reason}): {Message}")]
    public static partial void Rejected(ILogger logger, string eventId, EnqueueRejectReason reason, string message);

    [LoggerMessage(EventId = 7705, EventName = "BackgroundOutboxWriteFailed", Level = LogLevel.Error, Message = "Could not record the outcome of event {EventId} in the outbox; it stays pending and runs again on the next start")]
    public static partial void OutboxWriteFailed(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(EventId = 7706, EventName = "BackgroundRecoveryFailed", Level = LogLevel.Error, Message = "Could not read the pending events of the outbox; they stay pending for the next start")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7707, EventName = "BackgroundProcessorStopped", Level = LogLevel.Information, Message = "Background processing stopped: drained {Drained}, {LeftPending} events left pending in the outbox for the next start")]
    public static partial void Stopped(ILogger logger, bool drained, long leftPending);

    [LoggerMessage(EventId = 7708, EventName = "BackgroundOutboxPruned", Level = LogLevel.Debug, Message = "Pruned {Count} finished outbox entries older than the retention")]
    public static partial void Pruned(ILogger logger, int count);
}
