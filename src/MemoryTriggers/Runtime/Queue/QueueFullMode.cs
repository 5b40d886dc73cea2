namespace MemoryTriggers.Runtime.Queue;

/// <summary>What <see cref="BackgroundEventProcessor.EnqueueAsync"/> does when the queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>Backpressure: wait for room (cancellable, and up to <see cref="BackgroundEventProcessorOptions.EnqueueTimeout"/> if set, then rejected).</summary>
    Wait,

    /// <summary>Reject the event at once with <see cref="EnqueueRejectReason.QueueFull"/>.</summary>
    Reject,
}
