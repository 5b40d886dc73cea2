using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies.Testing;

/// <summary>One case of a policy test suite: a context and what should happen.</summary>
public sealed record PolicyTestCase
{
    /// <summary>Gets the case's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the context the rules are evaluated against.</summary>
    public required ValueMap<object?> Context { get; init; }

    /// <summary>Gets the seconds the suite's clock advances before this case.</summary>
    public double Advance { get; init; }

    /// <summary>Gets the only rule to evaluate, if any.</summary>
    public string? Rule { get; init; }

    /// <summary>Gets the rules that must fire, exactly (null: not checked).</summary>
    public ValueList<string>? Fired { get; init; }

    /// <summary>Gets the rules that must not fire.</summary>
    public ValueList<string> NotFired { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the expected outcome per rule (fired, cooldown, rate_limited, …).</summary>
    public ValueMap<string> Outcomes { get; init; } = ValueMap<string>.Empty;

    /// <summary>Gets the actions that must have happened, in order within each rule.</summary>
    public ValueList<ExpectedAction> Actions { get; init; } = ValueList<ExpectedAction>.Empty;

    /// <summary>Gets where the case is written, for messages.</summary>
    public string? Location { get; init; }
}
