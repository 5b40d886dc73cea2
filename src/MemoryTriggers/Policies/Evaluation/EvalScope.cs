namespace MemoryTriggers.Policies;

/// <summary>Everything one rule evaluation needs, on the stack.</summary>
internal ref struct EvalScope
{
    public EvalScope(in PolicyContext context, RuleRuntime rule, List<ConditionTrace>? trace, PathCache? paths = null)
    {
        Context = context;
        Rule = rule;
        Trace = trace;
        Paths = paths;
    }

    public PolicyContext Context { get; }

    public RuleRuntime Rule { get; }

    public List<ConditionTrace>? Trace { get; }

    /// <summary>Gets the evaluation's cache of resolved paths, rented for <see cref="Context"/>; null to resolve every path afresh.</summary>
    public PathCache? Paths { get; }

    /// <summary>Gets or sets a bit per rate-limit slot that passed in this evaluation; only those are charged when the rule fires.</summary>
    public ulong RateSlotsPassed { get; set; }

    /// <summary>Gets or sets a value indicating whether a rate window was full in this evaluation.</summary>
    public bool RateWindowFull { get; set; }

    /// <summary>Gets or sets a value indicating whether rate_limit conditions count as true (to tell "rate limited" from "conditions false").</summary>
    public bool IgnoreRateLimits { get; set; }

    /// <summary>Resolves a path against the context, through the cache when there is one.</summary>
    public readonly ContextValue Resolve(FieldPath path) => Paths is { } paths ? paths.Resolve(path) : path.Resolve(Context);
}
