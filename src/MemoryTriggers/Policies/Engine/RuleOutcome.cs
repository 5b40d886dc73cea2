namespace MemoryTriggers.Policies;

/// <summary>What happened to a rule in one decision.</summary>
public enum RuleOutcome
{
    /// <summary>The rule fired and its actions ran (see the actions for failures).</summary>
    Fired,

    /// <summary>The rule is disabled.</summary>
    Disabled,

    /// <summary>The rule is not in the requested scope.</summary>
    OutOfScope,

    /// <summary>The rule's conditions were false.</summary>
    ConditionsFalse,

    /// <summary>The conditions held but the rule fired too recently.</summary>
    Cooldown,

    /// <summary>The conditions held but the rule reached max_executions.</summary>
    MaxExecutions,

    /// <summary>The conditions held but a rate_limit window was full.</summary>
    RateLimited,

    /// <summary>A <c>skip</c> action skipped the rule.</summary>
    Skipped,

    /// <summary>An earlier rule fired and the policy set says <c>match_mode: first</c>.</summary>
    NotReached,

    /// <summary>The rule cannot be compiled, or its cooldown_key cannot be rendered; it does not fire.</summary>
    Error,
}
