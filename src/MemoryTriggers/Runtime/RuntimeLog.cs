using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Runtime;

/// <summary>The runtime's log messages (event ids 7600-7699).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 7600, EventName = "EventProcessed", Level = LogLevel.Debug, Message = "Event {EventId} ({TriggerType}): {Outcome}. {Reason}")]
    public static partial void EventProcessed(ILogger logger, string eventId, MemoryTriggers.Configuration.MemoryTriggerType triggerType, TriggerOutcome outcome, string reason);

    [LoggerMessage(EventId = 7601, EventName = "EventTimed", Level = LogLevel.Information, Message = "Event {EventId} ({TriggerType}) took {DurationMs:0.0} ms")]
    public static partial void EventTimed(ILogger logger, string eventId, MemoryTriggers.Configuration.MemoryTriggerType triggerType, double durationMs);

    [LoggerMessage(EventId = 7602, EventName = "RecallFailed", Level = LogLevel.Warning, Message = "Auto-recall for event {EventId} failed; the event's result has no recalled memories: {Reason}")]
    public static partial void RecallFailed(ILogger logger, string eventId, string reason);

    [LoggerMessage(EventId = 7603, EventName = "MemoryOperation", Level = LogLevel.Information, Message = "Memory {Operation} {Status} in {DurationMs:0.0} ms")]
    public static partial void MemoryOperation(ILogger logger, string operation, string status, double durationMs);
}
