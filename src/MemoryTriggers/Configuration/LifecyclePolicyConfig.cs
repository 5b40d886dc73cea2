using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>Retention, cleanup, archival, migration and compression of memories.</summary>
public sealed record LifecyclePolicyConfig
{
    /// <summary>Gets how long an ordinary memory is kept, in days.</summary>
    /// <value>The default is 90.</value>
    [Range(1, 3650)]
    [Description("Days an ordinary memory is kept.")]
    public int DefaultRetentionDays { get; init; } = 90;

    /// <summary>Gets how long an important memory is kept, in days.</summary>
    /// <value>The default is 365.</value>
    [Range(1, 3650)]
    [Description("Days an important memory is kept.")]
    public int ImportantMemoryRetentionDays { get; init; } = 365;

    /// <summary>Gets how long an error memory is kept, in days.</summary>
    /// <value>The default is 30.</value>
    [Range(1, 365)]
    [Description("Days an error memory is kept.")]
    public int ErrorMemoryRetentionDays { get; init; } = 30;

    /// <summary>Gets how long a workflow memory is kept, in days.</summary>
    /// <value>The default is 180.</value>
    [Range(1, 3650)]
    [Description("Days a workflow memory is kept.")]
    public int WorkflowMemoryRetentionDays { get; init; } = 180;

    /// <summary>Gets a value indicating whether expired memories are removed automatically.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Remove expired memories automatically.")]
    public bool AutoCleanupEnabled { get; init; } = true;

    /// <summary>Gets the hours between automatic cleanups.</summary>
    /// <value>The default is 24.</value>
    [Range(1, 168)]
    [Description("Hours between automatic cleanups.")]
    public int CleanupIntervalHours { get; init; } = 24;

    /// <summary>Gets the number of memories removed per cleanup batch.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 10000)]
    [Description("Memories removed per cleanup batch.")]
    public int CleanupBatchSize { get; init; } = 100;

    /// <summary>Gets a value indicating whether low-quality memories are removed by cleanup.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Remove memories whose quality is below min_quality_for_retention.")]
    public bool QualityBasedCleanup { get; init; } = true;

    /// <summary>Gets the lowest quality a memory may have to survive quality-based cleanup.</summary>
    /// <value>The default is 0.4.</value>
    [Range(0.0, 1.0)]
    [Description("Lowest quality a memory may have to survive quality-based cleanup.")]
    public double MinQualityForRetention { get; init; } = 0.4;

    /// <summary>Gets a value indicating whether old memories are archived.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Archive old memories instead of keeping them live.")]
    public bool ArchivalEnabled { get; init; }

    /// <summary>Gets the age after which a memory is archived, in days.</summary>
    /// <value>The default is 365.</value>
    [Range(1, 3650)]
    [Description("Days after which a memory is archived.")]
    public int ArchiveAfterDays { get; init; } = 365;

    /// <summary>Gets the name of the archive backend.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Description("Name of the archive backend; required when archival_enabled.")]
    public string? ArchiveBackend { get; init; }

    /// <summary>Gets a value indicating whether scheduled migrations run.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Run scheduled migrations.")]
    public bool MigrationEnabled { get; init; }

    /// <summary>Gets the cron schedule of migrations (five fields).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Description("Cron schedule of migrations (five fields, e.g. \"0 2 * * 0\").")]
    public string? MigrationSchedule { get; init; }

    /// <summary>Gets a value indicating whether old memories are compressed.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Compress old memories.")]
    public bool CompressionEnabled { get; init; } = true;

    /// <summary>Gets the age after which a memory is compressed, in days.</summary>
    /// <value>The default is 7.</value>
    [Range(0, 365)]
    [Description("Days after which a memory is compressed.")]
    public int CompressionAfterDays { get; init; } = 7;
}
