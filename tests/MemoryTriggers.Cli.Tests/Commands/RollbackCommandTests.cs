using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class RollbackCommandTests : IDisposable
{
    private readonly DeployWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task DeployAsync(string batchSize)
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging.Replace("batch_size: 20", "batch_size: " + batchSize, StringComparison.Ordinal));
        var result = await _workspace.RunAsync("deploy", config, "--env", "staging");
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task Rollback_AfterTwoDeploys_MakesTheFirstCurrentAsVersionThree()
    {
        await DeployAsync("20");
        await DeployAsync("40");

        var result = await _workspace.RunAsync("rollback", "--env", "staging", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(3, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("from_version").GetInt32());
        Assert.Contains("batch_size: 20", await File.ReadAllTextAsync(Path.Combine(_workspace.Root, "staging", "config.yaml")), StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(_workspace.Root, "staging", "versions")).Length);
    }

    [Fact]
    public async Task Rollback_ToAVersion_SaysWhatItDid()
    {
        await DeployAsync("20");
        await DeployAsync("40");
        await DeployAsync("60");

        var result = await _workspace.RunAsync("rollback", "--env", "staging", "--to", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Rolled back staging to the content of version 2 as version 4 (sha256:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_NothingDeployedOrUnknownVersion_ExitsOne()
    {
        var nothing = await _workspace.RunAsync("rollback", "--env", "staging");
        await DeployAsync("20");
        var unknown = await _workspace.RunAsync("rollback", "--env", "staging", "--to", "9");

        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("nothing is deployed to staging, so there is nothing to roll back", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("version 9 does not exist; staging has versions 1 to 1", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_DryRun_ShowsTheDiffAndExitsTwo()
    {
        await DeployAsync("20");
        await DeployAsync("40");

        var result = await _workspace.RunAsync("rollback", "--env", "staging", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-  batch_size: 40\n+  batch_size: 20\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(_workspace.Root, "staging", "versions")).Length);
    }
}
