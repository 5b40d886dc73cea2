using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>The outcome of one reload, as returned by <see cref="MemoryTriggerConfigManager.ReloadNowAsync"/>.</summary>
public sealed record ReloadResult
{
    /// <summary>Gets what the reload did.</summary>
    public required ReloadOutcome Outcome { get; init; }

    /// <summary>Gets the snapshot in force after the reload: the new one on success, the kept one otherwise.</summary>
    public required MemoryTriggerSnapshot Snapshot { get; init; }

    /// <summary>Gets the issues the reload found: on failure the errors and everything else found; on success the warnings and notes; empty when unchanged.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    /// <summary>Gets what changed, on success; otherwise <see langword="null"/>.</summary>
    public ConfigChangeSummary? Changes { get; init; }
}
