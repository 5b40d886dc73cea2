namespace MemoryTriggers.Policies.State;

/// <summary>A rule that matched and wants to fire: the limits it must pass.</summary>
public sealed record FiringRequest
{
    /// <summary>Gets the rule's name.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets the key of the cooldown and execution cap (<see cref="PolicyStateKey.AnyKey"/> when per rule).</summary>
    public string CooldownKey { get; init; } = PolicyStateKey.AnyKey;

    /// <summary>Gets the cooldown after a firing, if any.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>Gets the most firings allowed, if capped.</summary>
    public int? MaxExecutions { get; init; }

    /// <summary>Gets the rate-limit windows to fit in and charge.</summary>
    public IReadOnlyList<RateCharge> RateCharges { get; init; } = [];

    /// <summary>Gets the time of the firing.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Gets a value indicating whether an allowed firing is recorded; false for dry runs, which change nothing.</summary>
    public bool Commit { get; init; } = true;
}
