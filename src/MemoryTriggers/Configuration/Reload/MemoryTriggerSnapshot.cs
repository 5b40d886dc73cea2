using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>
/// One validated, immutable state of the configuration and the policies, as a
/// <see cref="MemoryTriggerConfigManager"/> loaded it. Readers take <see cref="MemoryTriggerConfigManager.Current"/>
/// once and use that snapshot for a whole unit of work, so a reload never mixes old and new values.
/// </summary>
public sealed record MemoryTriggerSnapshot
{
    /// <summary>Gets the configuration, with environment overrides applied.</summary>
    public required MemoryTriggerConfig Config { get; init; }

    /// <summary>Gets the policy rules; <see cref="PolicySet.Empty"/> when no policy directory is configured.</summary>
    public required PolicySet Policies { get; init; }

    /// <summary>
    /// Gets the SHA-256 (lower-case hex) of everything the snapshot was built from: the configuration file's bytes, each
    /// policy file's name and bytes, and the <c>MEMORY_*</c> environment variables in effect. Reloads compare it to skip unchanged content.
    /// </summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets the SHA-256 (lower-case hex) of the configuration file's bytes alone, as <c>sha256sum</c> prints it.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>Gets the snapshot's number: 1 for the first load, one more for each applied reload.</summary>
    public required long Version { get; init; }

    /// <summary>Gets when the snapshot was loaded, by the manager's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>Gets the full path of the configuration file.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Gets the full path of the policy directory, or <see langword="null"/> when none is configured.</summary>
    public string? PolicyDirectory { get; init; }

    /// <summary>Gets the full paths of the policy files read, in load order.</summary>
    public IReadOnlyList<string> PolicyFiles { get; init; } = [];

    /// <summary>Gets the warnings and notes the load found (a snapshot never has errors).</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    /// <summary>Gets the configuration's performance score, from 0.0 to 1.0.</summary>
    public double PerformanceScore { get; init; }
}
