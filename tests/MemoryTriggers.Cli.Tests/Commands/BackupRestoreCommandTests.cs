using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class BackupRestoreCommandTests : IDisposable
{
    private readonly DeployWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<string> DeployAsync(string batchSize, bool withPolicy = false)
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging.Replace("batch_size: 20", "batch_size: " + batchSize, StringComparison.Ordinal));
        var args = new List<string> { "deploy", config, "--env", "staging" };
        if (withPolicy)
        {
            args.AddRange(["--policies", Path.GetDirectoryName(_workspace.Write("policies/errors.yaml", DeployWorkspace.Policy))!]);
        }

        var result = await _workspace.RunAsync([.. args, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("hash").GetString()!;
    }

    private async Task<JsonElement> HistoryAsync(int version)
    {
        var path = Path.Combine(_workspace.Root, "staging", "versions", version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), "manifest.json");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task BackupAndRestore_RoundTrip_RestoresTheBackedUpContentAsANewVersion()
    {
        var first = await DeployAsync("20", withPolicy: true);
        var bundle = _workspace.File("backup.yaml");
        var backup = await _workspace.RunAsync("backup", "--output", bundle, "--include-policies");
        await DeployAsync("40");

        var restore = await _workspace.RunAsync("restore", bundle);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.StartsWith("Backed up staging version 1 (sha256:", backup.Output, StringComparison.Ordinal);
        Assert.Contains("the configuration and 1 policy file, to " + bundle, backup.Output, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.StartsWith($"Bundle {bundle}: checksum verified; staging version 1, taken ", restore.Output, StringComparison.Ordinal);
        Assert.Contains($"Restored {bundle} to staging as version 3", restore.Output, StringComparison.Ordinal);
        var restored = await HistoryAsync(3);
        Assert.Equal(first, restored.GetProperty("hash").GetString());
        Assert.Equal("restore", restored.GetProperty("action").GetString());
        Assert.Equal(first, (await HistoryAsync(1)).GetProperty("hash").GetString());
        Assert.Contains("batch_size: 20", await File.ReadAllTextAsync(Path.Combine(_workspace.Root, "staging", "config.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_TamperedBundle_IsRefusedAndWritesNothing()
    {
        await DeployAsync("20");
        var bundle = _workspace.File("backup.yaml");
        await _workspace.RunAsync("backup", "--output", bundle);
        await File.WriteAllTextAsync(bundle, (await File.ReadAllTextAsync(bundle)).Replace("batch_size: 20", "batch_size: 21", StringComparison.Ordinal));
        var truncated = _workspace.Write("cut.yaml", (await File.ReadAllTextAsync(bundle))[..200]);

        var tampered = await _workspace.RunAsync("restore", bundle);
        var cut = await _workspace.RunAsync("restore", truncated);

        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith($"memory-config: {bundle}: checksum mismatch: the bundle was changed or truncated after it was written", tampered.Error, StringComparison.Ordinal);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("checksum mismatch", cut.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(Path.Combine(_workspace.Root, "staging", "versions")));
        Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_workspace.Root, "audit.jsonl")));
    }

    [Fact]
    public async Task Restore_NotABundle_SaysSo()
    {
        var result = await _workspace.RunAsync("restore", _workspace.Write("config.yaml", DeployWorkspace.Staging));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a memory-config backup bundle", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_DryRun_ShowsTheDiffExitsTwoAndWritesNothing()
    {
        await DeployAsync("20");
        var bundle = _workspace.File("backup.yaml");
        await _workspace.RunAsync("backup", "--output", bundle);
        await DeployAsync("40");

        var result = await _workspace.RunAsync("restore", bundle, "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-  batch_size: 40\n+  batch_size: 20\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("a restore would write version 3", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(_workspace.Root, "staging", "versions")).Length);
    }

    [Fact]
    public async Task Backup_WithoutPolicies_RestoreKeepsTheDeployedPolicies()
    {
        await DeployAsync("20", withPolicy: true);
        var bundle = _workspace.File("backup.yaml");
        await _workspace.RunAsync("backup", "--output", bundle);
        await DeployAsync("40");

        var result = await _workspace.RunAsync("restore", bundle, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["errors.yaml"], (await HistoryAsync(3)).GetProperty("policy_files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Backup_NothingDeployedOrSeveralEnvironments_SaysWhatToDo()
    {
        var nothing = await _workspace.RunAsync("backup");
        await DeployAsync("20");
        var preset = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "environments", "production.yaml"));
        await _workspace.RunAsync("deploy", _workspace.Write("prod.yaml", preset), "--env", "production");

        var several = await _workspace.RunAsync("backup");

        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("nothing is deployed in this root", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(1, several.ExitCode);
        Assert.Contains("the root holds several environments (staging, production); name one with --env", several.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_Json_DescribesTheBundle()
    {
        var hash = await DeployAsync("20", withPolicy: true);
        var bundle = _workspace.File("b.yaml");

        var result = await _workspace.RunAsync("backup", "--env", "staging", "--output", bundle, "--include-policies", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(hash, json.RootElement.GetProperty("version_hash").GetString());
        Assert.Equal(hash, json.RootElement.GetProperty("content_hash").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.StartsWith("# memory-config backup v1 sha256:", await File.ReadAllTextAsync(bundle), StringComparison.Ordinal);
    }
}
