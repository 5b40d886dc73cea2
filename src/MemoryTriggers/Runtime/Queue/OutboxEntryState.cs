namespace MemoryTriggers.Runtime.Queue;

/// <summary>Where an event stands in the <see cref="EventOutbox"/>.</summary>
public enum OutboxEntryState
{
    /// <summary>Accepted and not finished: waiting, being processed, or interrupted (it runs on the next start).</summary>
    Pending,

    /// <summary>Processed; kept for <see cref="EventOutboxOptions.Retention"/> so a replayed id is recognised.</summary>
    Done,

    /// <summary>Given up on after <see cref="BackgroundEventProcessorOptions.MaxAttempts"/> attempts, or unreadable; <see cref="OutboxEntry.LastError"/> says why.</summary>
    Failed,
}
