using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies;

/// <summary>One thing a rule does when it fires. Actions run in ascending <see cref="Priority"/>, ties in file order.</summary>
public sealed record PolicyAction
{
    /// <summary>Gets what the action does.</summary>
    public PolicyActionType Type { get; init; }

    /// <summary>Gets the parameters; every string in them may hold <c>${...}</c> placeholders.</summary>
    public ValueMap<object?> Parameters { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets a condition that must hold for the action to run; null means always.</summary>
    public PolicyCondition? Condition { get; init; }

    /// <summary>Gets the order within the rule: 1 runs before 2.</summary>
    public int Priority { get; init; }

    /// <summary>Gets how many times a failed action is retried.</summary>
    public int RetryCount { get; init; }

    /// <summary>Gets the seconds between retries.</summary>
    /// <value>The default is 1.0.</value>
    public double RetryDelay { get; init; } = 1.0;

    /// <summary>Gets the seconds an attempt may take; null means no limit beyond the backend's own.</summary>
    public double? Timeout { get; init; }
}
