namespace MemoryTriggers.Runtime.Queue;

/// <summary>Why <see cref="BackgroundEventProcessor.EnqueueAsync"/> rejected an event.</summary>
public enum EnqueueRejectReason
{
    /// <summary>The queue was full and the processor rejects rather than waits (<see cref="QueueFullMode.Reject"/>).</summary>
    QueueFull,

    /// <summary>The queue stayed full for <see cref="BackgroundEventProcessorOptions.EnqueueTimeout"/>.</summary>
    Timeout,

    /// <summary>The processor is not running: not started yet, stopping or stopped.</summary>
    NotRunning,

    /// <summary>The event cannot be stored and read back (see <see cref="TriggerEventJson.Problem"/>).</summary>
    InvalidEvent,

    /// <summary>The outbox could not store the event (the disk is full, say).</summary>
    StorageFailed,
}
