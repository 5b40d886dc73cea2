namespace MemoryTriggers.Memory.Backends;

/// <summary>A write waiting in the failover journal to be replayed to the primary.</summary>
/// <param name="Sequence">The entry's place in the journal; replay follows it.</param>
/// <param name="Operation">The write.</param>
/// <param name="RecordedAt">When the write was failed over.</param>
/// <param name="Attempts">How many replays of the entry began without being recorded as finished.</param>
internal sealed record FailoverJournalEntry(long Sequence, FailoverOperation Operation, DateTimeOffset RecordedAt, int Attempts);
