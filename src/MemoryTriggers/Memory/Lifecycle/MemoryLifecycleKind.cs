namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>The kind of a memory, which chooses its retention (see <see cref="MemoryLifecycleClassifier"/>).</summary>
public enum MemoryLifecycleKind
{
    /// <summary>An ordinary memory: <c>lifecycle.default_retention_days</c>.</summary>
    Default,

    /// <summary>An important memory: <c>lifecycle.important_memory_retention_days</c>.</summary>
    Important,

    /// <summary>An error memory: <c>lifecycle.error_memory_retention_days</c>.</summary>
    Error,

    /// <summary>A workflow memory: <c>lifecycle.workflow_memory_retention_days</c>.</summary>
    Workflow,
}
