namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>One memory that lifecycle cleanup deleted or archived (or, in a dry run, would have).</summary>
public sealed record LifecycleCleanupItem
{
    /// <summary>Gets the memory's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets what was done to the memory.</summary>
    public required LifecycleCleanupAction Action { get; init; }

    /// <summary>Gets why.</summary>
    public required LifecycleCleanupReason Reason { get; init; }

    /// <summary>Gets the memory's kind.</summary>
    public required MemoryLifecycleKind Kind { get; init; }

    /// <summary>Gets when the memory was created; ages are measured from it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the memory's quality score, if it has one.</summary>
    public double? QualityScore { get; init; }
}
