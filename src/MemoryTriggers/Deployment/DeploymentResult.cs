using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Deployment;

/// <summary>What a deploy, restore or rollback did, or (dry run) would do.</summary>
public sealed record DeploymentResult
{
    /// <summary>Gets how it ended.</summary>
    public required DeploymentOutcome Outcome { get; init; }

    /// <summary>Gets the environment.</summary>
    public required Environment Environment { get; init; }

    /// <summary>Gets the operation.</summary>
    public required DeploymentAction Action { get; init; }

    /// <summary>Gets the content hash of what was proposed.</summary>
    public required string Hash { get; init; }

    /// <summary>Gets the version that was current before, if any.</summary>
    public DeploymentVersion? Previous { get; init; }

    /// <summary>Gets the version written (<see cref="DeploymentOutcome.Deployed"/>), or the current one (<see cref="DeploymentOutcome.Unchanged"/>).</summary>
    public DeploymentVersion? Version { get; init; }

    /// <summary>Gets every validation issue of the proposed content: configuration, policies, and the environment check.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    /// <summary>Gets a value indicating whether the refusal was for warnings alone (under --strict or in production).</summary>
    public bool RefusedForWarnings { get; init; }

    /// <summary>Gets a value indicating whether the proposed content differs from the current version's (by hash).</summary>
    public bool HasChanges { get; init; }

    /// <summary>
    /// Gets the unified diff of the effective configuration (environment overrides applied, secrets
    /// redacted) and of the policy files, deployed against proposed; empty when they are equal or when refused.
    /// </summary>
    public string Diff { get; init; } = string.Empty;

    /// <summary>Gets the backup bundle written of the replaced version, if one was.</summary>
    public string? BackupPath { get; init; }

    /// <summary>Gets a value indicating whether the live files were put back to the current version first, after an interrupted operation.</summary>
    public bool RepairedLiveFiles { get; init; }

    /// <summary>Gets a one-line explanation, for refusals and failures.</summary>
    public string? Message { get; init; }
}
