using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies;

/// <summary>A named rule: when its conditions hold, its actions run, subject to its limits.</summary>
public sealed record PolicyRule
{
    /// <summary>Gets the rule's name, unique across every policy file.</summary>
    public required string Name { get; init; }

    /// <summary>Gets what the rule is for.</summary>
    public string? Description { get; init; }

    /// <summary>Gets a value indicating whether the rule is evaluated at all.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the rule's priority: higher runs first; ties keep file order.</summary>
    public int Priority { get; init; }

    /// <summary>Gets the scope the rule belongs to.</summary>
    public PolicyScope Scope { get; init; } = PolicyScope.Global;

    /// <summary>Gets the conditions.</summary>
    public ValueList<PolicyCondition> Conditions { get; init; } = ValueList<PolicyCondition>.Empty;

    /// <summary>Gets how the conditions combine.</summary>
    public ConditionOperator ConditionOperator { get; init; } = ConditionOperator.And;

    /// <summary>Gets the actions.</summary>
    public ValueList<PolicyAction> Actions { get; init; } = ValueList<PolicyAction>.Empty;

    /// <summary>Gets the most times the rule may fire (per cooldown key when one is set); null means no limit.</summary>
    public int? MaxExecutions { get; init; }

    /// <summary>Gets the seconds after a firing during which the rule does not fire again (per cooldown key); null means none.</summary>
    public double? CooldownPeriod { get; init; }

    /// <summary>Gets a template such as <c>${user_id}</c> that makes cooldowns and execution caps per key instead of per rule.</summary>
    public string? CooldownKey { get; init; }

    /// <summary>Gets the rule's tags.</summary>
    public ValueList<string> Tags { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets free-form metadata.</summary>
    public ValueMap<object?> Metadata { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets the file the rule was read from, if any.</summary>
    public string? Source { get; init; }
}
