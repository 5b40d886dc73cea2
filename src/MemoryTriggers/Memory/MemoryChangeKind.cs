namespace MemoryTriggers.Memory;

/// <summary>What happened to a memory.</summary>
public enum MemoryChangeKind
{
    /// <summary>The memory was created.</summary>
    Created,

    /// <summary>The memory's content, tags, category, metadata or quality changed through an update.</summary>
    Updated,

    /// <summary>The memory was deleted.</summary>
    Deleted,

    /// <summary>The memory was archived.</summary>
    Archived,

    /// <summary>A tag was added.</summary>
    Tagged,

    /// <summary>A tag was removed.</summary>
    Untagged,

    /// <summary>The quality score was set.</summary>
    QualitySet,
}
