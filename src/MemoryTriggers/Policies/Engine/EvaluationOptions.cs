namespace MemoryTriggers.Policies;

/// <summary>How one call evaluates the rules.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Gets the default options: execute, no explanation, every scope.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Gets a value indicating whether actions are only rendered and planned, and no state is recorded.</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets a value indicating whether each condition's evaluation is traced (slower; every rule is evaluated, without the index).</summary>
    public bool Explain { get; init; }

    /// <summary>Gets the only scope to evaluate, or null for all.</summary>
    public PolicyScope? Scope { get; init; }

    /// <summary>Gets the only rule to evaluate, or null for all.</summary>
    public string? RuleName { get; init; }

    /// <summary>Gets a value indicating whether rules that did not match are listed in the results too.</summary>
    public bool IncludeUnmatched { get; init; }
}
