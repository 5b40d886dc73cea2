namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>A count per memory kind.</summary>
public sealed record LifecycleKindCounts
{
    /// <summary>Gets the count for ordinary memories.</summary>
    public int Default { get; init; }

    /// <summary>Gets the count for important memories.</summary>
    public int Important { get; init; }

    /// <summary>Gets the count for error memories.</summary>
    public int Error { get; init; }

    /// <summary>Gets the count for workflow memories.</summary>
    public int Workflow { get; init; }

    /// <summary>Gets the sum over all kinds.</summary>
    public int Total => Default + Important + Error + Workflow;

    /// <summary>Gets the count for one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int this[MemoryLifecycleKind kind] => kind switch
    {
        MemoryLifecycleKind.Important => Important,
        MemoryLifecycleKind.Error => Error,
        MemoryLifecycleKind.Workflow => Workflow,
        _ => Default,
    };

    /// <summary>Returns these counts with one kind's count increased by one.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The new counts.</returns>
    public LifecycleKindCounts Increment(MemoryLifecycleKind kind) => kind switch
    {
        MemoryLifecycleKind.Important => this with { Important = Important + 1 },
        MemoryLifecycleKind.Error => this with { Error = Error + 1 },
        MemoryLifecycleKind.Workflow => this with { Workflow = Workflow + 1 },
        _ => this with { Default = Default + 1 },
    };
}
