using System.Globalization;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>
/// What one lifecycle cleanup run did, or in a dry run would do. A real run counts only what it
/// actually did; memories that vanished before the cleaner reached them are counted in
/// <see cref="AlreadyGone"/> instead.
/// </summary>
public sealed record LifecycleCleanupReport
{
    /// <summary>Gets the most items <see cref="Items"/> holds: 100.</summary>
    public const int MaxListedItems = 100;

    /// <summary>Gets a value indicating whether this was a dry run, which changed nothing.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Gets when the run started; every age in the run is measured against this time.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the run took, by the cleaner's <see cref="TimeProvider"/>.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the number of memories looked at.</summary>
    public int Scanned { get; init; }

    /// <summary>Gets the number of batches of deletions and archivals (each at most <c>cleanup_batch_size</c>).</summary>
    public int Batches { get; init; }

    /// <summary>Gets the memories deleted because their own expiry time had passed.</summary>
    public int ExpiredAt { get; init; }

    /// <summary>Gets the memories deleted because they outlived their kind's retention, per kind.</summary>
    public LifecycleKindCounts ExpiredRetention { get; init; } = new();

    /// <summary>Gets the memories deleted because their quality score was below <c>min_quality_for_retention</c>.</summary>
    public int LowQuality { get; init; }

    /// <summary>Gets the memories archived because they were older than <c>archive_after_days</c>.</summary>
    public int Archived { get; init; }

    /// <summary>Gets the memories a real run found gone when it tried to delete or archive them (another writer removed them first).</summary>
    public int AlreadyGone { get; init; }

    /// <summary>Gets the number of memories deleted, for any reason.</summary>
    public int Deleted => ExpiredAt + ExpiredRetention.Total + LowQuality;

    /// <summary>Gets the number of memories deleted or archived.</summary>
    public int Affected => Deleted + Archived;

    /// <summary>Gets the first <see cref="MaxListedItems"/> memories deleted or archived, in the order they were scanned.</summary>
    public ValueList<LifecycleCleanupItem> Items { get; init; } = ValueList<LifecycleCleanupItem>.Empty;

    /// <summary>Gets a value indicating whether <see cref="Items"/> lists fewer memories than were affected.</summary>
    public bool ItemsTruncated => Items.Count < Affected;

    /// <summary>Gets the count for one action and reason (the retention count summed over kinds).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public int CountOf(LifecycleCleanupReason reason) => reason switch
    {
        LifecycleCleanupReason.ExpiredRetention => ExpiredRetention.Total,
        LifecycleCleanupReason.LowQuality => LowQuality,
        LifecycleCleanupReason.ArchiveAge => Archived,
        _ => ExpiredAt,
    };

    /// <summary>Summarizes the report on one line, e.g. for a log.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(DryRun ? "dry run: would delete" : "deleted")} {Deleted} (expired_at {ExpiredAt}, expired_retention {ExpiredRetention.Total} [default {ExpiredRetention.Default}, important {ExpiredRetention.Important}, error {ExpiredRetention.Error}, workflow {ExpiredRetention.Workflow}], low_quality {LowQuality}), {(DryRun ? "would archive" : "archived")} {Archived}, already gone {AlreadyGone}; scanned {Scanned} in {Batches} batches, {Duration.TotalMilliseconds:0} ms");
}
