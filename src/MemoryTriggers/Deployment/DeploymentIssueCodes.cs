namespace MemoryTriggers.Deployment;

/// <summary>The issue codes deployment adds to those of the configuration and policy pipelines.</summary>
public static class DeploymentIssueCodes
{
    /// <summary>The configuration's <c>environment</c> (after overrides) is not the environment it is deployed to.</summary>
    public const string EnvironmentMismatch = "DEPLOY-ENV-MISMATCH";
}
