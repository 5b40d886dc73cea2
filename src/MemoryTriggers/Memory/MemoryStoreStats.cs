using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>A summary of what a memory store holds, as reported by <see cref="IMemoryStore.GetStatsAsync"/>.</summary>
public sealed record MemoryStoreStats
{
    /// <summary>Gets the backend that reported the figures: <c>local</c>, <c>mem0</c> or <c>in-memory</c>.</summary>
    public required string Backend { get; init; }

    /// <summary>Gets the number of memories, archived and expired ones included.</summary>
    public required long Total { get; init; }

    /// <summary>Gets the number of archived memories.</summary>
    public long Archived { get; init; }

    /// <summary>Gets the number of memories whose expiry time has passed.</summary>
    public long Expired { get; init; }

    /// <summary>Gets the mean quality score of the memories that have one, or null if none has.</summary>
    public double? AverageQuality { get; init; }

    /// <summary>Gets when the oldest memory was created, or null if there is none.</summary>
    public DateTimeOffset? OldestCreatedAt { get; init; }

    /// <summary>Gets when the newest memory was created, or null if there is none.</summary>
    public DateTimeOffset? NewestCreatedAt { get; init; }

    /// <summary>Gets the number of memories per category; memories without one count under the empty string.</summary>
    public ValueMap<long> ByCategory { get; init; } = ValueMap<long>.Empty;

    /// <summary>Gets the bytes the store occupies on disk, or null where that is not known (remote stores).</summary>
    public long? StorageBytes { get; init; }

    /// <summary>
    /// Gets whether the figures cover only part of the store (a remote store that can only list a
    /// bounded number of memories).
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>Computes the figures from a set of records, as stores without server-side aggregates do.</summary>
    /// <param name="backend">The backend name.</param>
    /// <param name="records">The memories.</param>
    /// <param name="now">The current time, for counting expired memories.</param>
    /// <returns>The figures.</returns>
    public static MemoryStoreStats FromRecords(string backend, IReadOnlyCollection<MemoryRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        var qualities = records.Where(r => r.QualityScore.HasValue).Select(r => r.QualityScore!.Value).ToList();
        return new MemoryStoreStats
        {
            Backend = backend,
            Total = records.Count,
            Archived = records.LongCount(r => r.Archived),
            Expired = records.LongCount(r => r.ExpiresAt is { } at && at <= now),
            AverageQuality = qualities.Count == 0 ? null : qualities.Average(),
            OldestCreatedAt = records.Count == 0 ? null : records.Min(r => r.CreatedAt),
            NewestCreatedAt = records.Count == 0 ? null : records.Max(r => r.CreatedAt),
            ByCategory = records
                .GroupBy(r => r.Category ?? string.Empty, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal),
        };
    }
}
