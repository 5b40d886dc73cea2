using MemoryTriggers.Configuration;

namespace MemoryTriggers.Actions;

/// <summary>An alert raised by a trigger_alert action.</summary>
public sealed record Alert
{
    /// <summary>Gets the alert's type, for example <c>info</c> or <c>error_spike</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Gets the text for people.</summary>
    public required string Message { get; init; }

    /// <summary>Gets how urgent the alert is, for example <c>low</c>, <c>normal</c> or <c>high</c>.</summary>
    public required string Urgency { get; init; }

    /// <summary>Gets the channels the rule asked for; empty means the sink's default.</summary>
    public ValueList<string> Channels { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the rule that raised the alert.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets the id of the decision that raised the alert.</summary>
    public required string DecisionId { get; init; }

    /// <summary>Gets when the alert was raised.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets the alert's severity, derived from <see cref="Urgency"/> and <see cref="Type"/> as <see cref="AlertSeverity.Of"/> says.</summary>
    public string Severity => AlertSeverity.Of(this);

    /// <summary>Gets extra data for the receiver.</summary>
    public ValueMap<object?> Data { get; init; } = ValueMap<object?>.Empty;
}
