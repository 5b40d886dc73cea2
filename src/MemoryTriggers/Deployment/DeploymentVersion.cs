using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>One numbered version of an environment's deployment, as its manifest records it. Versions are never changed once written.</summary>
public sealed record DeploymentVersion
{
    /// <summary>Gets the version number: 1 for the first, one more for each later version.</summary>
    public required int Number { get; init; }

    /// <summary>Gets the environment.</summary>
    public required Environment Environment { get; init; }

    /// <summary>Gets the content hash (<see cref="DeploymentContent.Hash"/>).</summary>
    public required string Hash { get; init; }

    /// <summary>Gets when the version was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets who wrote it.</summary>
    public required string User { get; init; }

    /// <summary>Gets what made it.</summary>
    public required DeploymentAction Action { get; init; }

    /// <summary>Gets where the content came from: the configuration file, the backup bundle, or the version rolled back to.</summary>
    public string? Source { get; init; }

    /// <summary>Gets, for a rollback, the version whose content this version repeats.</summary>
    public int? FromVersion { get; init; }

    /// <summary>Gets the policy file names of the version.</summary>
    public ValueList<string> PolicyFiles { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the version of the tool that wrote it.</summary>
    public string? ToolVersion { get; init; }
}
