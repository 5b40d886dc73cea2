namespace MemoryTriggers.Runtime.Queue;

/// <summary>Settings of an <see cref="EventOutbox"/>.</summary>
public sealed record EventOutboxOptions
{
    /// <summary>Gets the outbox file; its directory is created if needed. One process uses a file at a time.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Gets how long done and failed entries are kept, so that a replayed event id is still
    /// recognised as a duplicate; older ones are pruned. The default is 7 days.
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets a value indicating whether each commit is flushed to the disk (SQLite <c>synchronous = FULL</c>):
    /// accepted events then survive a power loss too. When false (<c>NORMAL</c>) they survive the
    /// process being killed but the last ones may be lost with the machine. The default is true.
    /// </summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>Gets how long opening waits for a file another process holds before failing. The default is 2 seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
