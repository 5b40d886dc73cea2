using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>Settings of a <see cref="BackgroundEventProcessor"/> besides those of the configuration file.</summary>
public sealed record BackgroundEventProcessorOptions
{
    /// <summary>Gets how many events may wait in the queue; <c>performance.background_queue_size</c> if null.</summary>
    public int? QueueSize { get; init; }

    /// <summary>Gets how many workers process events at once; <c>performance.worker_thread_count</c> if null.</summary>
    public int? WorkerCount { get; init; }

    /// <summary>Gets what enqueueing does when the queue is full: wait (the default) or reject.</summary>
    public QueueFullMode FullMode { get; init; } = QueueFullMode.Wait;

    /// <summary>Gets how long enqueueing waits for room in <see cref="QueueFullMode.Wait"/> before rejecting; no limit if null.</summary>
    public TimeSpan? EnqueueTimeout { get; init; }

    /// <summary>Gets how many attempts an event gets before it is marked failed. The default is 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets the pause before a retry, times the number of the attempt that failed. The default is 1 second.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the deadline <see cref="BackgroundEventProcessor.DisposeAsync"/> gives the drain. The default is 30 seconds.</summary>
    public TimeSpan ShutdownDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the clock of timeouts, retry pauses and deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
