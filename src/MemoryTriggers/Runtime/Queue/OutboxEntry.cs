namespace MemoryTriggers.Runtime.Queue;

/// <summary>One accepted event in the <see cref="EventOutbox"/>.</summary>
public sealed record OutboxEntry
{
    /// <summary>Gets the entry's sequence number: the order events were accepted in.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the event's id, the idempotency key: an outbox holds one entry per id.</summary>
    public required string EventId { get; init; }

    /// <summary>Gets the event as stored, the JSON <see cref="TriggerEventJson"/> writes.</summary>
    public required string EventJson { get; init; }

    /// <summary>Gets the entry's state.</summary>
    public required OutboxEntryState State { get; init; }

    /// <summary>Gets how many attempts to process the event were made (or, for an entry found pending at start, begun).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when the event was accepted.</summary>
    public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>Gets when the entry last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the error of the last failed attempt, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets the ids of the memories the event's create_memory actions produced (new or deduplicated), once done.</summary>
    public IReadOnlyList<string> MemoryIds { get; init; } = [];
}
