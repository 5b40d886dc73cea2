namespace MemoryTriggers.Policies.State;

/// <summary>A rate-limit window that a firing must fit in and, when it fires, is charged to.</summary>
/// <param name="Slot">The rate-limit condition's slot in its rule.</param>
/// <param name="Key">The key (the value of the condition's field, or <c>*</c>).</param>
/// <param name="Limit">The firings allowed within <paramref name="Window"/>.</param>
/// <param name="Window">The window.</param>
public readonly record struct RateCharge(int Slot, string Key, int Limit, TimeSpan Window);
