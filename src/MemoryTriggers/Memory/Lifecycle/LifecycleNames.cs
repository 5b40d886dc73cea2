namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>The stable snake_case names of lifecycle values, as used in logs, CLI output and JSON.</summary>
public static class LifecycleNames
{
    /// <summary>Gets the name of a memory kind: default, important, error or workflow.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string Of(MemoryLifecycleKind kind) => kind switch
    {
        MemoryLifecycleKind.Important => "important",
        MemoryLifecycleKind.Error => "error",
        MemoryLifecycleKind.Workflow => "workflow",
        _ => "default",
    };

    /// <summary>Gets the name of a cleanup action: delete or archive.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The name.</returns>
    public static string Of(LifecycleCleanupAction action) => action == LifecycleCleanupAction.Archive ? "archive" : "delete";

    /// <summary>Gets the name of a cleanup reason: expired_at, expired_retention, low_quality or archive_age.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The name.</returns>
    public static string Of(LifecycleCleanupReason reason) => reason switch
    {
        LifecycleCleanupReason.ExpiredRetention => "expired_retention",
        LifecycleCleanupReason.LowQuality => "low_quality",
        LifecycleCleanupReason.ArchiveAge => "archive_age",
        _ => "expired_at",
    };
}
