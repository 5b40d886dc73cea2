using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>One line of the deployment root's audit log (<c>audit.jsonl</c>): who tried what on which environment, and how it ended.</summary>
public sealed record AuditEntry
{
    /// <summary>Gets when.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Gets who.</summary>
    public required string User { get; init; }

    /// <summary>Gets the environment.</summary>
    public required Environment Environment { get; init; }

    /// <summary>Gets the operation.</summary>
    public required DeploymentAction Action { get; init; }

    /// <summary>Gets how it ended: deployed, unchanged, refused or failed.</summary>
    public required DeploymentOutcome Result { get; init; }

    /// <summary>Gets the version that was current before, if any.</summary>
    public int? OldVersion { get; init; }

    /// <summary>Gets the content hash that was current before, if any.</summary>
    public string? OldHash { get; init; }

    /// <summary>Gets the version written, when one was.</summary>
    public int? NewVersion { get; init; }

    /// <summary>Gets the content hash that was proposed.</summary>
    public string? NewHash { get; init; }

    /// <summary>Gets where the content came from.</summary>
    public string? Source { get; init; }

    /// <summary>Gets why it was refused or failed, or a short summary.</summary>
    public string? Message { get; init; }
}
