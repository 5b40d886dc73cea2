namespace MemoryTriggers.Deployment;

/// <summary>How a deployment operation ended; also the <c>result</c> of its audit entry.</summary>
public enum DeploymentOutcome
{
    /// <summary>A new version was written and is current.</summary>
    Deployed,

    /// <summary>The content equals the current version's; nothing was written.</summary>
    Unchanged,

    /// <summary>Validation refused the content; nothing was written.</summary>
    Refused,

    /// <summary>A dry run: the content was validated and compared; nothing was written or audited.</summary>
    Planned,

    /// <summary>Writing failed part way; the previous version stays current.</summary>
    Failed,
}
