namespace MemoryTriggers.Runtime.Queue;

/// <summary>The outcome of <see cref="BackgroundEventProcessor.EnqueueAsync"/>.</summary>
public enum EnqueueStatus
{
    /// <summary>The event is in the outbox (committed) and will be processed, in this run or, if it stops first, the next.</summary>
    Accepted,

    /// <summary>An event with this id was accepted before (pending, done or failed); nothing was added.</summary>
    Duplicate,

    /// <summary>The event was not accepted; <see cref="EnqueueResult.Reason"/> says why. Nothing was stored.</summary>
    Rejected,
}
