using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>A configuration (and optionally policy files) to deploy to one environment of a <see cref="DeploymentRoot"/>.</summary>
public sealed record DeploymentRequest
{
    /// <summary>Gets the target environment.</summary>
    public required Environment Environment { get; init; }

    /// <summary>Gets the configuration's YAML text.</summary>
    public required string ConfigText { get; init; }

    /// <summary>Gets the name of the configuration in issues, diffs and the audit log (usually its path).</summary>
    public string ConfigSource { get; init; } = DeploymentContent.ConfigFileName;

    /// <summary>Gets the policy files by name; <see langword="null"/> keeps the deployed policies as they are.</summary>
    public IReadOnlyDictionary<string, string>? PolicyFiles { get; init; }

    /// <summary>Gets the directory the policy files came from, for issue locations and diff labels.</summary>
    public string? PolicySource { get; init; }

    /// <summary>Gets a value indicating whether only to validate and compare: nothing is written or audited.</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets a value indicating whether to write a backup bundle of the version being replaced first.</summary>
    public bool Backup { get; init; }

    /// <summary>
    /// Gets a value indicating whether warnings refuse the deploy and unknown keys are errors. Deploys and
    /// restores to production are always strict about warnings; rollbacks are refused for errors only.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Gets the operation recorded in the version and the audit log.</summary>
    public DeploymentAction Action { get; init; } = DeploymentAction.Deploy;

    /// <summary>Gets, for a rollback, the version whose content is made current again.</summary>
    public int? FromVersion { get; init; }
}
