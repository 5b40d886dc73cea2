namespace MemoryTriggers.Runtime;

/// <summary>Why <see cref="MemoryTriggerService"/> stopped an event before the policy engine (docs/operations.md, "Processing events").</summary>
public enum GateReason
{
    /// <summary><c>global_enabled</c> is false.</summary>
    GlobalDisabled,

    /// <summary>The feature toggle of the event's trigger type is off.</summary>
    FeatureDisabled,

    /// <summary>Every trigger policy of the event's type is disabled.</summary>
    PolicyDisabled,

    /// <summary>The policy does not create memories for this outcome (<c>create_on_success</c>, <c>create_on_failure</c>, <c>create_on_error</c>).</summary>
    OutcomeNotRecorded,

    /// <summary>The event's score lies between the policy's failure and success thresholds.</summary>
    OutcomeInconclusive,

    /// <summary>The event comes from another agent than the policy's <c>agent_name</c>.</summary>
    AgentMismatch,

    /// <summary>The event's message has none of the policy's <c>agent_trigger_patterns</c>.</summary>
    NoTriggerPattern,

    /// <summary>The payload is shorter than <c>min_context_length</c>.</summary>
    ContextTooShort,

    /// <summary>The payload is longer than <c>max_context_length</c>.</summary>
    ContextTooLong,

    /// <summary>A field of <c>context_required_fields</c> is missing or null.</summary>
    MissingContextFields,

    /// <summary>The event's confidence is below <c>min_trigger_confidence</c>.</summary>
    LowConfidence,

    /// <summary>The event's quality score is below <c>performance.min_memory_quality_score</c>.</summary>
    LowQuality,

    /// <summary>The same subject triggered the policy less than <c>cooldown_period_seconds</c> ago.</summary>
    Cooldown,

    /// <summary>The policy already admitted <c>max_triggers_per_minute</c> events in the last minute.</summary>
    RateLimited,

    /// <summary>An event with this id was already processed.</summary>
    Duplicate,
}
