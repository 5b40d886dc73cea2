using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Deployment;
using MemoryTriggers.Tests.Configuration.Reload;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Deployment;

/// <summary>A deploy into the live directory a service watches is picked up by exactly one reload.</summary>
public sealed class DeployReloadTests : IDisposable
{
    private readonly TempDeployment _deployment = new();

    public void Dispose() => _deployment.Dispose();

    [Fact]
    public async Task Deploy_ConfigAndPoliciesWhileWatched_ReloadsExactlyOnceWithBoth()
    {
        var first = _deployment.Root.Deploy(new DeploymentRequest
        {
            Environment = Env.Staging,
            ConfigText = TempDeployment.Staging,
            PolicyFiles = new Dictionary<string, string> { ["errors.yaml"] = TempDeployment.Policy },
        });
        Assert.Equal(DeploymentOutcome.Deployed, first.Outcome);
        await using var manager = new MemoryTriggerConfigManager(new MemoryTriggerConfigManagerOptions
        {
            ConfigPath = _deployment.Root.LiveConfigPath(Env.Staging),
            PolicyDirectory = _deployment.Root.LivePolicyDirectory(Env.Staging),
            FallbackPollInterval = null,
        });
        var events = new ReloadEvents(manager);

        var second = _deployment.Root.Deploy(new DeploymentRequest
        {
            Environment = Env.Staging,
            ConfigText = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal),
            PolicyFiles = new Dictionary<string, string> { ["errors.yaml"] = TempDeployment.Policy.Replace("remember_errors", "keep_errors", StringComparison.Ordinal) },
        });
        var reload = await events.ReloadAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(DeploymentOutcome.Deployed, second.Outcome);
        Assert.Single(events.Reloads);
        Assert.Empty(events.Failures);
        Assert.Equal(30, reload.Current.Config.Performance.BatchSize);
        Assert.Equal(["keep_errors"], reload.Current.Policies.Rules.Select(r => r.Name));
    }
}
