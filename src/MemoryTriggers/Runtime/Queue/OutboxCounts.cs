namespace MemoryTriggers.Runtime.Queue;

/// <summary>How many entries the <see cref="EventOutbox"/> holds, by state.</summary>
/// <param name="Pending">Accepted and not finished.</param>
/// <param name="Done">Processed (within the retention).</param>
/// <param name="Failed">Given up on (within the retention).</param>
public sealed record OutboxCounts(long Pending, long Done, long Failed);
