namespace MemoryTriggers.Policies;

/// <summary>What happened to one action.</summary>
public enum ActionStatus
{
    /// <summary>The action ran and succeeded.</summary>
    Succeeded,

    /// <summary>The action ran and failed after its retries, or its parameters could not be rendered.</summary>
    Failed,

    /// <summary>The action did not run: its condition was false, or an earlier abort or skip stopped the rule.</summary>
    Skipped,

    /// <summary>A dry run: the action was rendered but not performed.</summary>
    Planned,
}
