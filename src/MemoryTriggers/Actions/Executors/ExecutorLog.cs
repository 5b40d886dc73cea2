using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions.Executors;

/// <summary>The log messages the built-in executors and sinks write.</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(EventId = 7100, EventName = "PolicyEvent", Message = "Policy {Rule} event: {Message}")]
    public static partial void PolicyEvent(ILogger logger, LogLevel level, string rule, string message);

    [LoggerMessage(
        EventId = 7101,
        EventName = "PolicyAlert",
        Message = "Policy {Severity} alert ({AlertType}, {Urgency}) from {Rule}: {Message}; channels: {Channels}; decision {DecisionId}")]
    public static partial void PolicyAlert(ILogger logger, LogLevel level, string severity, string alertType, string urgency, string rule, string message, string channels, string decisionId);

    [LoggerMessage(
        EventId = 7102,
        EventName = "AlertChannelFailed",
        Level = LogLevel.Warning,
        Message = "Alert from {Rule} did not reach channel {Channel}: {Reason}; decision {DecisionId}")]
    public static partial void AlertChannelFailed(ILogger logger, string rule, string channel, string reason, string decisionId);
}
