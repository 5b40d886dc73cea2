namespace MemoryTriggers.Runtime.Queue;

/// <summary>What <see cref="EventOutbox"/> did with an event offered to it: stored it under <paramref name="Sequence"/>, or found its id already there in <paramref name="Existing"/>.</summary>
internal readonly record struct OutboxAcceptance(long Sequence, OutboxEntryState? Existing)
{
    public bool IsDuplicate => Existing is not null;
}
