using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Runtime;

/// <summary>What <see cref="MemoryTriggerService"/> did with one event, and why.</summary>
public sealed record TriggerResult
{
    /// <summary>Gets the event's id.</summary>
    public required string EventId { get; init; }

    /// <summary>Gets the event's trigger type.</summary>
    public required MemoryTriggerType TriggerType { get; init; }

    /// <summary>Gets whether the event was processed or gated.</summary>
    public required TriggerOutcome Outcome { get; init; }

    /// <summary>Gets the gate that stopped the event, when it was gated.</summary>
    public GateReason? Gate { get; init; }

    /// <summary>Gets the trigger policy that admitted or refused the event, if one applied.</summary>
    public string? TriggerPolicy { get; init; }

    /// <summary>Gets a sentence saying why the event was gated, or what was done with it.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the policy engine's decision (rules fired and their actions), when the event was processed.</summary>
    public PolicyDecision? Decision { get; init; }

    /// <summary>Gets the memories recalled for the event (<c>auto_recall</c>: agent start and error events).</summary>
    public IReadOnlyList<MemoryRecord> RecalledMemories { get; init; } = [];

    /// <summary>Gets the result of the <c>pattern</c> event this event completed, if pattern detection derived one.</summary>
    public TriggerResult? Pattern { get; init; }

    /// <summary>Gets how long processing took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the names of the rules that fired.</summary>
    public IEnumerable<string> FiredRules => Decision?.FiredRules ?? [];
}
