using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Backends;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class PolicyCommandTests
{
    [Fact]
    public async Task List_Store_ShowsRulesInPriorityOrder()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "list", "--policies", store.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 rules in", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.IndexOf("error_handler", StringComparison.Ordinal) < result.Output.IndexOf("warning_handler", StringComparison.Ordinal));
        Assert.Contains("cooldown 60 s", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EnabledOnlyAndScope_Filter()
    {
        using var store = new PolicyDirectory();

        var enabled = await CliRun.RunAsync("policy", "list", "--policies", store.Path, "--enabled-only", "--format", "json");
        var agent = await CliRun.RunAsync("policy", "list", "--policies", store.Path, "--scope", "agent", "--format", "json");

        Assert.Equal(["error_handler"], Names(enabled.Output));
        Assert.Equal(["warning_handler"], Names(agent.Output));
    }

    [Fact]
    public async Task List_StoreFromVariable_IsUsed()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync(new Dictionary<string, string?> { ["MEMORY_POLICY_DIR"] = store.Path }, "policy", "list", "--format", "json");

        Assert.Equal(2, Names(result.Output).Length);
    }

    [Fact]
    public async Task Add_ValidFile_IsWrittenAndListed()
    {
        using var store = new PolicyDirectory();

        var added = await CliRun.RunAsync("policy", "add", "TestData/new-rules.yaml", "--policies", store.Path);
        var listed = await CliRun.RunAsync("policy", "list", "--policies", store.Path, "--format", "json");

        Assert.Equal(0, added.ExitCode);
        Assert.True(File.Exists(store.File("new-rules.yaml")));
        Assert.Contains("feedback_handler", Names(listed.Output));
    }

    [Fact]
    public async Task Add_ValidateOnly_WritesNothing()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "add", "TestData/new-rules.yaml", "--validate", "--policies", store.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(store.File("new-rules.yaml")));
    }

    [Fact]
    public async Task Add_InvalidFile_IsRefusedWithLocatedIssues()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "add", "TestData/bad-rules.yaml", "--policies", store.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(store.File("bad-rules.yaml")));
        Assert.Contains("bad-rules.yaml:6:", result.Error, StringComparison.Ordinal);
        Assert.Contains("does_not_exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ConflictingRuleName_IsRefusedUnlessReplace()
    {
        using var store = new PolicyDirectory();
        var incoming = Path.Combine(Path.GetTempPath(), $"mt-conflict-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(incoming, "rules:\n  error_handler:\n    conditions: [{type: always}]\n    actions: [{type: log_event, parameters: {message: replaced}}]\n");

        var refused = await CliRun.RunAsync("policy", "add", incoming, "--policies", store.Path);
        var replaced = await CliRun.RunAsync("policy", "add", incoming, "--replace", "--policies", store.Path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already defines error_handler", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, replaced.ExitCode);
        var original = await File.ReadAllTextAsync(store.File("errors.yaml"));
        Assert.DoesNotContain("error_handler:", original, StringComparison.Ordinal);
        Assert.Contains("# error rules used by the CLI tests", original, StringComparison.Ordinal);
        Assert.Contains("warning_handler:", original, StringComparison.Ordinal);
        File.Delete(incoming);
    }

    [Fact]
    public async Task Remove_WithForce_RemovesTheRuleAndKeepsTheRest()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "remove", "warning_handler", "--force", "--policies", store.Path);

        Assert.Equal(0, result.ExitCode);
        var text = await File.ReadAllTextAsync(store.File("errors.yaml"));
        Assert.DoesNotContain("warning_handler", text, StringComparison.Ordinal);
        Assert.Contains("error_handler:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_NotFound_FailsWithSuggestion()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "remove", "error_handlr", "--force", "--policies", store.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did you mean 'error_handler'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_WithoutForceWhenNotATerminal_Refuses()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "remove", "error_handler", "--policies", store.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pass --force", result.Error, StringComparison.Ordinal);
        Assert.Contains("error_handler:", await File.ReadAllTextAsync(store.File("errors.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_Context_IsADryRunWithRenderedParameters()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--policies", store.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("dry_run").GetBoolean());
        var rule = json.RootElement.GetProperty("results")[0];
        Assert.Equal("error_handler", rule.GetProperty("rule").GetString());
        Assert.True(rule.GetProperty("fired").GetBoolean());
        var create = rule.GetProperty("actions")[0];
        Assert.Equal("create_memory", create.GetProperty("type").GetString());
        Assert.Equal("planned", create.GetProperty("status").GetString());
        Assert.Equal("Error event: database down", create.GetProperty("parameters").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Test_ExplainText_MatchesGolden()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--policies", store.Path, "--explain");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("policy-test-explain", Normalize(result.Output));
    }

    /// <summary>Writes a configuration whose local store is a SQLite file in the scratch directory.</summary>
    private static string LocalConfig(PolicyDirectory store, string extra = "")
    {
        var path = store.File("config.yaml");
        File.WriteAllText(path, $"""
            environment: development
            validation_strict: false
            backend:
              backend_type: local
              pool_size: 1
              backend_settings:
                local_storage_path: {store.File("memories.db")}
            {extra}
            """);
        return path;
    }

    [Fact]
    public async Task Test_Execute_PerformsActionsAndWritesOutput()
    {
        using var store = new PolicyDirectory();
        var output = Path.Combine(store.Path, "results.json");

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--policies", store.Path, "--config", LocalConfig(store), "--execute", "--output", output);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var create = json.RootElement.GetProperty("results")[0].GetProperty("actions")[0];
        Assert.Equal("succeeded", create.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(create.GetProperty("output").GetProperty("memory_id").GetString()));
        Assert.DoesNotContain("note:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_ExecuteWithConfig_CreatesTheMemoryInTheConfiguredSqliteFile()
    {
        using var store = new PolicyDirectory();
        var config = LocalConfig(store);

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--policies", store.Path, "--config", config, "--execute", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("error: Policy error alert (error, normal) from error_handler: Memory ", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output);
        var memoryId = json.RootElement.GetProperty("results")[0].GetProperty("actions")[0].GetProperty("output").GetProperty("memory_id").GetString()!;
        var loaded = ConfigurationLoader.Load(config, new LoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });
        await using var memories = await MemoryStoreFactory.CreateDefault().OpenAsync(loaded.Config!);
        var memory = await memories.GetAsync(memoryId);
        Assert.Equal("Error event: database down", memory!.Content);
        Assert.Equal(["error"], memory.Tags);
    }

    [Fact]
    public async Task Test_ExecuteWithInvalidConfig_FailsNamingTheProblem()
    {
        using var store = new PolicyDirectory();
        var config = LocalConfig(store, """
            monitoring:
              alert_channels: [opps]
              alert_channel_settings:
                ops: { type: log }
            """);

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--policies", store.Path, "--config", config, "--execute");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CFG-ALERT-CHANNEL-UNDEFINED", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'ops'?", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.File("memories.db")));
    }

    [Fact]
    public async Task Test_UnknownRule_FailsWithSuggestion()
    {
        using var store = new PolicyDirectory();

        var result = await CliRun.RunAsync("policy", "test", "--context", "TestData/error-context.json", "--rule", "error_handlr", "--policies", store.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did you mean 'error_handler'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BadContextJson_FailsWithLocation()
    {
        using var store = new PolicyDirectory();
        var context = store.File("ctx.json");
        await File.WriteAllTextAsync(context, "{\n  \"event_type\": error\n}");

        var result = await CliRun.RunAsync("policy", "test", "--context", context, "--policies", store.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{context}:2:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_NeitherContextNorSuite_IsUsageError()
    {
        var result = await CliRun.RunAsync("policy", "test");

        Assert.Equal(64, result.ExitCode);
    }

    [Fact]
    public async Task Test_ExampleSuite_Passes()
    {
        var suite = Path.Combine(Repository.Root, "examples", "tests", "agent-framework.tests.yaml");

        var result = await CliRun.RunAsync("policy", "test", "--suite", suite);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("cases passed; rule coverage", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_FailingSuite_Exits1WithReasons()
    {
        using var store = new PolicyDirectory();
        var suite = store.File("suite.yaml");
        await File.WriteAllTextAsync(suite, $"policies: {store.Path}\ntests:\n  - name: expects the wrong rule\n    context: {{event_type: error, error_message: x}}\n    expect:\n      fired: [warning_handler]\n");

        var result = await CliRun.RunAsync("policy", "test", "--suite", suite);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL expects the wrong rule", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected [warning_handler], got [error_handler]", result.Output, StringComparison.Ordinal);
    }

    private static string[] Names(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();
    }

    private static string Normalize(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, "[0-9a-f]{32}", "<id>");
}
