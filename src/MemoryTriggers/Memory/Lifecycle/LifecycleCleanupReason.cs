namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>Why lifecycle cleanup acts on a memory. A memory is acted on for one reason only, the first that applies in this order.</summary>
public enum LifecycleCleanupReason
{
    /// <summary>The memory's own expiry time (<see cref="MemoryRecord.ExpiresAt"/>) has passed; it is deleted.</summary>
    ExpiredAt,

    /// <summary>The memory is older than its kind's retention days; it is deleted.</summary>
    ExpiredRetention,

    /// <summary>The memory's quality score is below <c>min_quality_for_retention</c>; it is deleted.</summary>
    LowQuality,

    /// <summary>The memory is older than <c>archive_after_days</c>; it is archived.</summary>
    ArchiveAge,
}
