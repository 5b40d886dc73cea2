namespace MemoryTriggers.Deployment;

/// <summary>What made, or tried to make, a version.</summary>
public enum DeploymentAction
{
    /// <summary>A configuration (and policies) deployed from files.</summary>
    Deploy,

    /// <summary>A backup bundle restored.</summary>
    Restore,

    /// <summary>An earlier version made current again.</summary>
    Rollback,
}
