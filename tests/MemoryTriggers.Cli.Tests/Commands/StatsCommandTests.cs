using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class StatsCommandTests : IDisposable
{
    private readonly MemoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Stats_Json_HasTheConfigurationScorePolicyRulesAndLimits()
    {
        Directory.CreateDirectory(_workspace.File("policies"));
        _workspace.Write("policies/rules.yaml", """
            rules:
              a:
                scope: agent
                conditions: [{type: always}]
                actions: [{type: log_event}]
              b:
                enabled: false
                conditions: [{type: always}]
                actions: [{type: log_event}]

            """);

        var result = await CliRun.RunAsync("stats", "--config", _workspace.Config, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("development", root.GetProperty("configuration").GetProperty("environment").GetString());
        Assert.Equal("1.0", root.GetProperty("configuration").GetProperty("version").GetString());
        Assert.InRange(root.GetProperty("performance_score").GetDouble(), 0.0, 1.0);
        var rules = root.GetProperty("policy_rules");
        Assert.Equal((2, 1, 1), (rules.GetProperty("count").GetInt32(), rules.GetProperty("enabled").GetInt32(), rules.GetProperty("disabled").GetInt32()));
        Assert.Equal(1, rules.GetProperty("by_scope").GetProperty("agent").GetInt32());
        Assert.Equal(1, rules.GetProperty("by_scope").GetProperty("global").GetInt32());
        Assert.Equal(50, root.GetProperty("limits").GetProperty("batch_size").GetInt32());
        Assert.Equal("local", root.GetProperty("backend").GetProperty("type").GetString());
        Assert.Equal(8, root.GetProperty("features").GetProperty("enabled_features").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("store").ValueKind);
        Assert.StartsWith("no local store yet at ", root.GetProperty("store_error").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Database));
    }

    [Fact]
    public async Task Stats_WithAStore_IncludesItsCounts()
    {
        var imported = await CliRun.RunAsync("memories", "import", _workspace.Write("in.jsonl", "{\"content\":\"one\"}\n{\"content\":\"two\",\"archived\":true}\n"), "--config", _workspace.Config);
        Assert.True(imported.ExitCode == 0, imported.Error);

        var json = await CliRun.RunAsync("stats", "--config", _workspace.Config, "--format", "json");
        var text = await CliRun.RunAsync("stats", "--config", _workspace.Config);

        using var document = JsonDocument.Parse(json.Output);
        var store = document.RootElement.GetProperty("store");
        Assert.Equal(2, store.GetProperty("total").GetInt32());
        Assert.Equal(1, store.GetProperty("archived").GetInt32());
        Assert.Contains("Store: 2 memories in the local store, 1 archived, 0 expired\n", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_StoreThatCannotBeOpened_SaysSoAndStillPrintsTheConfiguration()
    {
        var config = _workspace.Write("mem0.yaml", """
            environment: development
            backend:
              backend_type: mem0
              backend_settings:
                host: http://127.0.0.1:9
                api_key_env: STATS_TEST_MEM0_KEY

            """);

        var result = await CliRun.RunAsync("stats", "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Performance score: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Store: unavailable: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("STATS_TEST_MEM0_KEY", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Defaults_PrintTheDevelopmentPreset()
    {
        var result = await CliRun.RunAsync("stats", "--policies", _workspace.File("no-policies"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Configuration: development defaults\n  environment development,", result.Output, StringComparison.Ordinal);
        Assert.Contains("Policy rules: none (no directory ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_BrokenConfig_ExitsOneWithTheLocation()
    {
        var config = _workspace.Write("broken.yaml", "environment: development\nperformance:\n  batch_size: lots\n");

        var result = await CliRun.RunAsync("stats", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{config}:3:15 error CFG-TYPE performance.batch_size", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
