using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class ProcessCommandTests : IDisposable
{
    private readonly MemoryWorkspace _workspace = new();
    private readonly string _config;
    private readonly string _events = Path.Combine(Repository.Root, "examples", "events", "agent-events.jsonl");
    private readonly string _policies = Path.Combine(Repository.Root, "examples", "policies");

    public ProcessCommandTests()
    {
        // The development defaults, as `process` uses them without --config, with the store in the workspace.
        var preset = EnvironmentPresets.GetYaml(MemoryTriggers.Configuration.Environment.Development);
        Assert.Contains("./dev_memory_storage/", preset, StringComparison.Ordinal);
        _config = _workspace.Write("development.yaml", preset.Replace("./dev_memory_storage/", _workspace.Database, StringComparison.Ordinal));
    }

    public void Dispose() => _workspace.Dispose();

    private Task<CliResult> Process(params string[] extra) => CliRun.RunAsync(["process", _events, "--policies", _policies, "--config", _config, .. extra]);

    [Fact]
    public async Task Process_ExampleEventsOnDevelopmentDefaults_ExplainsEachEventStoresMemoriesAndSummarizes()
    {
        var result = await Process();

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("evt-001  workflow  processed: Admitted by trigger policy 'development_workflow' (success). Rules fired: workflow_success_learning.", result.Output, StringComparison.Ordinal);
        Assert.Contains("evt-008  error  gated (low_confidence)", result.Output, StringComparison.Ordinal);
        Assert.Contains("evt-009  error  gated (missing_context_fields)", result.Output, StringComparison.Ordinal);
        Assert.Contains("  -> pattern-", result.Output, StringComparison.Ordinal);
        Assert.Contains("Processed 12 events in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("  gated       low_confidence 1, missing_context_fields 1, outcome_inconclusive 1", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"memories    \d+ created", result.Output);
        var search = await CliRun.RunAsync("memories", "search", "database connection", "--config", _config);
        Assert.Contains("Error event: database connection refused on db-1", search.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_FormatJson_GivesCountsAndEveryResultWithItsPattern()
    {
        var result = await Process("--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal((12, 9, 3, 1), (json.GetProperty("events").GetInt32(), json.GetProperty("processed").GetInt32(), json.GetProperty("gated").GetInt32(), json.GetProperty("patterns").GetInt32()));
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count);
        var seventh = results.Single(r => r.GetProperty("id").GetString() == "evt-007");
        Assert.Equal("pattern", seventh.GetProperty("pattern").GetProperty("trigger_type").GetString());
        Assert.Equal(["recurring_pattern_alert"], seventh.GetProperty("pattern").GetProperty("fired_rules").EnumerateArray().Select(r => r.GetString()));
        Assert.True(json.GetProperty("memories_created").GetInt32() > 0);
    }

    [Fact]
    public async Task Process_SameEventsTwice_CreatesNoDuplicateMemories()
    {
        var first = JsonDocument.Parse((await Process("--format", "json")).Output).RootElement;
        var second = JsonDocument.Parse((await Process("--format", "json")).Output).RootElement;

        Assert.Equal(0, second.GetProperty("memories_created").GetInt32());
        Assert.Equal(first.GetProperty("memories_created").GetInt32(), second.GetProperty("memories_deduplicated").GetInt32());
    }

    [Fact]
    public async Task Process_InvalidLine_NamesFileAndLineProcessesTheRestAndFails()
    {
        var events = _workspace.Write("events.jsonl", """
            {"id":"ok","trigger_type":"context","payload":{"event_type":"user_feedback","rating":5,"comment":"great"}}
            {"id":"bad","trigger_type":"eror"}
            """);

        var result = await CliRun.RunAsync("process", events, "--policies", _policies, "--config", _config, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{events}:2:1 error EVT-TRIGGER-TYPE $.trigger_type", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'error'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("events      1 (1 processed, 0 gated, 1 invalid lines skipped)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_MissingEventsFileOrPolicies_FailsWithAClearMessage()
    {
        var noFile = await CliRun.RunAsync("process", _workspace.File("none.jsonl"), "--policies", _policies, "--config", _config);
        var noPolicies = await CliRun.RunAsync("process", _events, "--policies", _workspace.File("nowhere"), "--config", _config);

        Assert.Equal((1, $"{_workspace.File("none.jsonl")}: no such file\n"), (noFile.ExitCode, noFile.Error));
        Assert.Equal(1, noPolicies.ExitCode);
        Assert.Contains("no policy directory at", noPolicies.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_StoreCannotBeOpened_ExitsUnavailableWithTheReason()
    {
        var blocker = _workspace.Write("not-a-directory", "a file where the store's directory should be");
        var preset = EnvironmentPresets.GetYaml(MemoryTriggers.Configuration.Environment.Development);
        var config = _workspace.Write("blocked.yaml", preset.Replace("./dev_memory_storage/", blocker + "/store/", StringComparison.Ordinal));

        var result = await CliRun.RunAsync("process", _events, "--policies", _policies, "--config", config, "--quiet");

        Assert.Equal(69, result.ExitCode);
        Assert.Contains("cannot open the memory store", result.Error, StringComparison.Ordinal);
        Assert.Contains("not-a-directory", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
