namespace MemoryTriggers.Policies;

/// <summary>What happened to one rule in a decision, and why.</summary>
public sealed record RuleResult
{
    /// <summary>Gets the rule's name.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets a value indicating whether the rule's conditions held.</summary>
    public bool Matched { get; init; }

    /// <summary>Gets a value indicating whether the rule fired.</summary>
    public bool Fired => Outcome is RuleOutcome.Fired;

    /// <summary>Gets what happened.</summary>
    public required RuleOutcome Outcome { get; init; }

    /// <summary>Gets the reason in words, for example "cooldown: fired 12 s ago, cooldown 60 s".</summary>
    public required string Reason { get; init; }

    /// <summary>Gets a value indicating whether every action that ran succeeded.</summary>
    public bool Succeeded => Actions.All(a => a.Status != ActionStatus.Failed);

    /// <summary>Gets the actions, in the order they ran.</summary>
    public IReadOnlyList<ActionResult> Actions { get; init; } = [];

    /// <summary>Gets each condition's evaluation, when the decision was explained.</summary>
    public IReadOnlyList<ConditionTrace>? Conditions { get; init; }

    /// <summary>Gets the rule that chained to this one, if any.</summary>
    public string? ChainedFrom { get; init; }

    /// <summary>Gets how long the rule took, actions included.</summary>
    public TimeSpan Duration { get; init; }
}
