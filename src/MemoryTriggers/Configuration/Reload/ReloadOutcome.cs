namespace MemoryTriggers.Configuration.Reload;

/// <summary>What a reload did.</summary>
public enum ReloadOutcome
{
    /// <summary>The files changed and passed validation; the new snapshot is in force.</summary>
    Success,

    /// <summary>The files could not be read or have errors; the last good snapshot stays in force.</summary>
    Failure,

    /// <summary>The files' content hash equals the snapshot in force, or the last refused one; nothing was validated or swapped.</summary>
    Unchanged,
}
