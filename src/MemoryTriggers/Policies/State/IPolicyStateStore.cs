namespace MemoryTriggers.Policies.State;

/// <summary>
/// Where cooldowns, execution counts and rate windows live. The in-memory store serves one process;
/// a shared implementation (Redis) can serve replicas without touching the engine.
/// </summary>
public interface IPolicyStateStore
{
    /// <summary>Counts the firings charged to a rate window within <paramref name="window"/> before <paramref name="now"/>. Changes nothing.</summary>
    /// <param name="key">The rule, slot and key.</param>
    /// <param name="window">The window.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The number of firings in the window.</returns>
    int CountRecent(PolicyStateKey key, TimeSpan window, DateTimeOffset now);

    /// <summary>Atomically checks the cooldown, the execution cap and every rate window, and, when all pass and <see cref="FiringRequest.Commit"/> is set, records the firing.</summary>
    /// <param name="request">The firing.</param>
    /// <returns>The decision.</returns>
    FiringDecision TryFire(FiringRequest request);
}
