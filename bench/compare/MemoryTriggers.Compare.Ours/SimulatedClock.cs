namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// A clock that moves only when told, so the stateful scenario's cooldowns and windows play out the same way at any
/// speed: the stream is replayed at a fixed simulated rate, whatever the machine's real throughput.
/// </summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
