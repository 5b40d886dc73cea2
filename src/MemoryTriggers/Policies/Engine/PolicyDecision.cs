namespace MemoryTriggers.Policies;

/// <summary>The outcome of evaluating the rules against one context.</summary>
public sealed record PolicyDecision
{
    /// <summary>Gets the decision's id, also available to templates as <c>${decision_id}</c>.</summary>
    public required string DecisionId { get; init; }

    /// <summary>Gets when the decision was made.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets a value indicating whether this was a dry run (nothing performed or recorded).</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets the results: every matched rule, and with <see cref="EvaluationOptions.IncludeUnmatched"/> every rule, in evaluation order.</summary>
    public IReadOnlyList<RuleResult> Results { get; init; } = [];

    /// <summary>Gets how long the decision took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the names of the rules that fired.</summary>
    public IEnumerable<string> FiredRules => Results.Where(r => r.Fired).Select(r => r.Rule);
}
