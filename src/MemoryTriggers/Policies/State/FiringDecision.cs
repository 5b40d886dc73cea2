namespace MemoryTriggers.Policies.State;

/// <summary>Whether a matched rule may fire, or which limit stops it.</summary>
public enum FiringDecision
{
    /// <summary>The rule fires.</summary>
    Allowed,

    /// <summary>The rule fired too recently.</summary>
    Cooldown,

    /// <summary>The rule reached max_executions.</summary>
    MaxExecutions,

    /// <summary>A rate_limit window is full.</summary>
    RateLimited,
}
