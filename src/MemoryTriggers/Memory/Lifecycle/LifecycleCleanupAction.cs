namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>What lifecycle cleanup does to a memory.</summary>
public enum LifecycleCleanupAction
{
    /// <summary>The memory is deleted (its history is kept by the store).</summary>
    Delete,

    /// <summary>The memory is archived in place: kept, but no longer recalled by default.</summary>
    Archive,
}
