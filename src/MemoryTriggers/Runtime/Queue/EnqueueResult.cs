namespace MemoryTriggers.Runtime.Queue;

/// <summary>What <see cref="BackgroundEventProcessor.EnqueueAsync"/> did with an event; never a silent drop.</summary>
public sealed record EnqueueResult
{
    /// <summary>Gets the event's id.</summary>
    public required string EventId { get; init; }

    /// <summary>Gets whether the event was accepted, a duplicate or rejected.</summary>
    public required EnqueueStatus Status { get; init; }

    /// <summary>Gets why the event was rejected, when it was.</summary>
    public EnqueueRejectReason? Reason { get; init; }

    /// <summary>Gets the outbox sequence number of the event's entry (the new one, or the earlier one of a duplicate).</summary>
    public long? Sequence { get; init; }

    /// <summary>Gets the state of the earlier entry of a duplicate.</summary>
    public OutboxEntryState? ExistingState { get; init; }

    /// <summary>Gets a sentence saying what happened.</summary>
    public required string Message { get; init; }

    /// <summary>Gets a value indicating whether the event was accepted.</summary>
    public bool IsAccepted => Status == EnqueueStatus.Accepted;
}
