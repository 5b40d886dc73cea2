using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Memory.Backends;

/// <summary>The log messages of <see cref="FailoverMemoryStore"/>.</summary>
internal static partial class FailoverLog
{
    [LoggerMessage(EventId = 7300, EventName = "PrimaryUnavailable", Level = LogLevel.Warning,
        Message = "The primary memory store is unavailable ({Reason}); writes fail over and are journaled in {Journal}; next try in {RetrySeconds} s")]
    public static partial void PrimaryUnavailable(ILogger logger, string reason, string journal, double retrySeconds);

    [LoggerMessage(EventId = 7301, EventName = "WriteFailedOver", Level = LogLevel.Warning,
        Message = "Memory {Operation} failed over to store {StoreIndex}; {Pending} writes wait for replay")]
    public static partial void WriteFailedOver(ILogger logger, string operation, int storeIndex, long pending);

    [LoggerMessage(EventId = 7302, EventName = "ReplayFinished", Level = LogLevel.Information,
        Message = "Replayed {Replayed} journaled writes to the primary memory store ({Skipped} skipped, {Rejected} rejected); {Remaining} remain")]
    public static partial void ReplayFinished(ILogger logger, int replayed, int skipped, int rejected, long remaining);

    [LoggerMessage(EventId = 7303, EventName = "ReplayRejected", Level = LogLevel.Warning,
        Message = "The primary memory store rejected journaled write {Sequence} ({Operation}): {Error}; it is kept in rejected_entries")]
    public static partial void ReplayRejected(ILogger logger, long sequence, string operation, string error);

    [LoggerMessage(EventId = 7304, EventName = "ReplayInterrupted", Level = LogLevel.Warning,
        Message = "Replay to the primary memory store stopped at write {Sequence}: {Error}; {Remaining} remain")]
    public static partial void ReplayInterrupted(ILogger logger, long sequence, string error, long remaining);
}
