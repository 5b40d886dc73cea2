namespace MemoryTriggers.Runtime.Queue;

/// <summary>What a <see cref="BackgroundEventProcessor"/> has done since it started, for the CLI and monitors.</summary>
public sealed record BackgroundProcessorCounters
{
    /// <summary>Gets how many events were accepted.</summary>
    public long Accepted { get; init; }

    /// <summary>Gets how many events were refused as duplicates of an accepted id.</summary>
    public long Duplicates { get; init; }

    /// <summary>Gets how many events were rejected (queue full, timeout, not running, invalid, storage failure).</summary>
    public long Rejected { get; init; }

    /// <summary>Gets how many entries found pending at start were queued again.</summary>
    public long Recovered { get; init; }

    /// <summary>Gets how many events were processed and marked done.</summary>
    public long Processed { get; init; }

    /// <summary>Gets how many failed attempts were retried.</summary>
    public long Retried { get; init; }

    /// <summary>Gets how many events were marked failed.</summary>
    public long Failed { get; init; }

    /// <summary>Gets how many events are accepted (or recovered) and not finished: waiting or being processed.</summary>
    public long QueueDepth { get; init; }
}
