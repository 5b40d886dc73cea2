namespace MemoryTriggers.Policies.State;

/// <summary>Identifies one piece of policy state: a rule, a slot (a rate-limit condition, or <see cref="Firings"/>), and a key such as a user id.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Slot">The rate-limit slot, or <see cref="Firings"/> for cooldown and execution counts.</param>
/// <param name="Key">The key; <c>*</c> when the state is per rule.</param>
public readonly record struct PolicyStateKey(string Rule, int Slot, string Key)
{
    /// <summary>The slot of a rule's cooldown and execution count.</summary>
    public const int Firings = -1;

    /// <summary>The key of state that is per rule rather than per key.</summary>
    public const string AnyKey = "*";
}
