using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class DeployCommandTests : IDisposable
{
    private readonly DeployWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string LiveConfig(string environment = "staging") => Path.Combine(_workspace.Root, environment, "config.yaml");

    private string[] AuditLines() => File.ReadAllLines(Path.Combine(_workspace.Root, "audit.jsonl"));

    [Fact]
    public async Task Deploy_ThenDryRunOfTheSameFile_ExitsZeroWithNoChanges()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);

        var deployed = await _workspace.RunAsync("deploy", config, "--env", "staging");
        var dryRun = await _workspace.RunAsync("deploy", config, "--env", "staging", "--dry-run");

        Assert.True(deployed.ExitCode == 0, deployed.Error);
        Assert.StartsWith($"Deployed {config} to staging as version 1 (sha256:", deployed.Output, StringComparison.Ordinal);
        Assert.Equal(DeployWorkspace.Staging, File.ReadAllText(LiveConfig()));
        Assert.Equal(0, dryRun.ExitCode);
        Assert.StartsWith("Dry run: no changes; staging is at version 1 (sha256:", dryRun.Output, StringComparison.Ordinal);
        Assert.Single(AuditLines());
    }

    [Fact]
    public async Task Deploy_DryRunOfAnEdit_PrintsTheRedactedDiffAndExitsTwo()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);
        var policies = _workspace.Write("policies/errors.yaml", DeployWorkspace.Policy);
        await _workspace.RunAsync("deploy", config, "--env", "staging", "--policies", Path.GetDirectoryName(policies)!);
        _workspace.Write("config.yaml", DeployWorkspace.Staging
            .Replace("batch_size: 20", "batch_size: 40", StringComparison.Ordinal)
            .Replace("api_token_env: STAGING_TOKEN", "api_token_env: STAGING_TOKEN\n    password: hunter2", StringComparison.Ordinal));
        _workspace.Write("policies/errors.yaml", DeployWorkspace.Policy.Replace("priority: 10", "priority: 20", StringComparison.Ordinal) + "    metadata:\n      secret: hunter2\n");

        var result = await _workspace.RunAsync("deploy", config, "--env", "staging", "--dry-run", "--policies", Path.GetDirectoryName(policies)!);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Output + result.Error, StringComparison.Ordinal);
        Golden.AssertMatches("deploy-dry-run-diff", _workspace.Normalize(result.Output));
        Assert.Equal(DeployWorkspace.Staging, File.ReadAllText(LiveConfig()));
        Assert.Single(AuditLines());
    }

    [Fact]
    public async Task Deploy_InvalidConfig_IsRefusedWithFileAndLineChangesNothingAndIsAudited()
    {
        var good = _workspace.Write("good.yaml", DeployWorkspace.Staging);
        await _workspace.RunAsync("deploy", good, "--env", "staging");
        var bad = _workspace.Write("bad.yaml", DeployWorkspace.Staging.Replace("batch_size: 20", "batch_size: lots", StringComparison.Ordinal));

        var result = await _workspace.RunAsync("deploy", bad, "--env", "staging");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad}:11:15 error CFG-TYPE performance.batch_size", result.Error, StringComparison.Ordinal);
        Assert.Contains("memory-config: deploy refused: 1 error; staging stays at version 1 (sha256:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(DeployWorkspace.Staging, File.ReadAllText(LiveConfig()));
        Assert.Single(Directory.GetDirectories(Path.Combine(_workspace.Root, "staging", "versions")));
        using var audit = JsonDocument.Parse(AuditLines()[^1]);
        Assert.Equal("refused", audit.RootElement.GetProperty("result").GetString());
        Assert.Equal("ann", audit.RootElement.GetProperty("user").GetString());
        Assert.Equal(1, audit.RootElement.GetProperty("old_version").GetInt32());
        Assert.Equal(bad, audit.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Deploy_ProductionWithAWarning_IsRefusedWithExitThree()
    {
        var preset = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "environments", "production.yaml"));
        var config = _workspace.Write("prod.yaml", preset.Replace("auto_reload: false", "auto_reload: true", StringComparison.Ordinal));

        var result = await _workspace.RunAsync("deploy", config, "--env", "production");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("warning CFG-PROD-AUTO-RELOAD auto_reload", result.Error, StringComparison.Ordinal);
        Assert.Contains("deploy refused: 1 warning; production refuses warnings; nothing is deployed to production", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(LiveConfig("production")));
    }

    [Fact]
    public async Task Deploy_StrictWithAWarning_IsRefusedAndWithoutStrictDeploys()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging.Replace("api_token_env: STAGING_TOKEN", "api_token: x", StringComparison.Ordinal));

        var strict = await _workspace.RunAsync("deploy", config, "--env", "staging", "--strict");
        var lenient = await _workspace.RunAsync("deploy", config, "--env", "staging");

        Assert.Equal(3, strict.ExitCode);
        Assert.Contains("--strict refuses warnings", strict.Error, StringComparison.Ordinal);
        Assert.Equal(0, lenient.ExitCode);
    }

    [Fact]
    public async Task Deploy_WrongEnvironment_IsRefusedAtTheEnvironmentLine()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);

        var result = await _workspace.RunAsync("deploy", config, "--env", "testing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{config}:1:14 error DEPLOY-ENV-MISMATCH environment: the configuration is for 'staging' but is being deployed to 'testing'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Json_ReportsVersionsHashesAndThePolicyFiles()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);
        var policies = Path.GetDirectoryName(_workspace.Write("policies/errors.yaml", DeployWorkspace.Policy))!;
        await _workspace.RunAsync("deploy", config, "--env", "staging");

        var result = await _workspace.RunAsync("deploy", config, "--env", "staging", "--policies", policies, "--backup", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("deployed", root.GetProperty("outcome").GetString());
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal(1, root.GetProperty("previous_version").GetInt32());
        Assert.NotEqual(root.GetProperty("hash").GetString(), root.GetProperty("previous_hash").GetString());
        Assert.True(File.Exists(root.GetProperty("backup").GetString()));
        Assert.Contains("+++ " + Path.Combine(policies, "errors.yaml"), root.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Equal(DeployWorkspace.Policy, File.ReadAllText(Path.Combine(_workspace.Root, "staging", "policies", "errors.yaml")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Root, "staging", "versions", "000002", "manifest.json")));
        Assert.Equal(root.GetProperty("hash").GetString(), manifest.RootElement.GetProperty("hash").GetString());
        using var pointer = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Root, "staging", "current.json")));
        Assert.Equal(2, pointer.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Deploy_RootFromTheVariable_IsUsedWithoutRoot()
    {
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);
        var root = _workspace.File("from-variable");

        var result = await CliRun.RunAsync(new Dictionary<string, string?> { ["MEMORY_DEPLOY_ROOT"] = root }, "deploy", config, "--env", "staging");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(root, "staging", "config.yaml")));
    }

    [Fact]
    public async Task Deploy_MissingFileOrPolicyDirectory_IsOneLineAndExitOne()
    {
        var missing = await _workspace.RunAsync("deploy", _workspace.File("nope.yaml"), "--env", "staging");
        var config = _workspace.Write("config.yaml", DeployWorkspace.Staging);
        var noPolicies = await _workspace.RunAsync("deploy", config, "--env", "staging", "--policies", _workspace.File("none"));

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"memory-config: {_workspace.File("nope.yaml")}: the configuration file does not exist\n", missing.Error);
        Assert.Equal(1, noPolicies.ExitCode);
        Assert.Equal($"memory-config: {_workspace.File("none")}: the policy directory does not exist\n", noPolicies.Error);
    }

    [Fact]
    public async Task Deploy_WithoutEnv_IsAUsageError()
    {
        var result = await _workspace.RunAsync("deploy", _workspace.Write("config.yaml", DeployWorkspace.Staging));

        Assert.Equal(64, result.ExitCode);
    }
}
