namespace MemoryTriggers.Runtime;

/// <summary>What happened to an event.</summary>
public enum TriggerOutcome
{
    /// <summary>The event passed the gates and went through the policy engine (whether or not a rule fired).</summary>
    Processed,

    /// <summary>A gate stopped the event; <see cref="TriggerResult.Gate"/> says which.</summary>
    Gated,
}
