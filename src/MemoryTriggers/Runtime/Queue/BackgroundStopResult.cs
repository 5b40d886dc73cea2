namespace MemoryTriggers.Runtime.Queue;

/// <summary>How <see cref="BackgroundEventProcessor.StopAsync"/> ended.</summary>
/// <param name="Drained">Whether every accepted event was finished before the deadline.</param>
/// <param name="LeftPending">How many events were left pending in the outbox (they run on the next start).</param>
public sealed record BackgroundStopResult(bool Drained, long LeftPending);
