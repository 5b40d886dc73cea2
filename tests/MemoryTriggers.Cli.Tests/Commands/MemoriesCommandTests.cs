using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class MemoriesCommandTests : IDisposable
{
    private const string ThreeMemories = """
        {"content":"Database connection timed out in checkout workflow","tags":["error","db"],"category":"error","quality_score":0.8,"user_id":"u1","metadata":{"service":"checkout","attempt":3}}
        {"content":"User prefers concise answers","tags":["preference"],"quality_score":0.9,"user_id":"u1"}

        {"content":"Old note about the database","archived":true}
        """;

    private readonly MemoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync([.. args, "--config", _workspace.Config]);

    private async Task<JsonElement> Json(params string[] args)
    {
        var result = await Run([.. args, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private async Task<string[]> ImportThreeAsync()
    {
        var imported = await Run("memories", "import", _workspace.Write("in.jsonl", ThreeMemories));
        Assert.True(imported.ExitCode == 0, imported.Error);
        var list = await Json("memories", "list");
        return [.. list.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task Import_ValidFile_CreatesEachMemoryInTheConfiguredSqliteFile()
    {
        var result = await Run("memories", "import", _workspace.Write("in.jsonl", ThreeMemories));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Imported 3 memories", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_workspace.Database));
        var list = await Json("memories", "list");
        Assert.Equal(3, list.GetProperty("count").GetInt32());
        var first = list.GetProperty("memories")[0];
        Assert.Equal("Database connection timed out in checkout workflow", first.GetProperty("content").GetString());
        Assert.Equal(["error", "db"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(3, first.GetProperty("metadata").GetProperty("attempt").GetInt32());
        Assert.True(list.GetProperty("memories")[2].GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Import_SameFileTwice_SkipsTheLiveDuplicates()
    {
        var file = _workspace.Write("in.jsonl", ThreeMemories);
        await Run("memories", "import", file);

        var again = await Json("memories", "import", file);

        // Archived memories are never deduplicated against (IMemoryStore.CreateAsync), so the archived line is created again.
        Assert.Equal(1, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Import_ArchivedLineDuplicatingALiveMemory_LeavesTheLiveMemoryAlone()
    {
        await Run("memories", "import", _workspace.Write("live.jsonl", "{\"content\":\"keep me live\"}\n"));

        var result = await Json("memories", "import", _workspace.Write("archived.jsonl", "{\"content\":\"keep me live\",\"archived\":true}\n"));

        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, (await Json("memories", "stats")).GetProperty("archived").GetInt32());
    }

    [Fact]
    public async Task Import_BadLines_NamesEachLineAndImportsNothing()
    {
        var file = _workspace.Write("bad.jsonl", "{\"content\":\"fine\"}\n{\"content\": 5}\nnot json\n{\"content\":\"x\",\"quality_score\":2}\n");

        var result = await Run("memories", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.jsonl:2: 'content' must be a non-empty string", result.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:4: 'quality_score' must be a number from 0 to 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Json("memories", "stats")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_ExpiredLine_IsSkippedAndCounted()
    {
        var file = _workspace.Write("in.jsonl", "{\"content\":\"gone\",\"expires_at\":\"2001-01-01T00:00:00Z\"}\n{\"content\":\"kept\",\"expires_at\":\"2999-01-01T00:00:00Z\"}\n");

        var result = await Json("memories", "import", file);

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("expired_skipped").GetInt32());
    }

    [Fact]
    public async Task Import_MissingFile_FailsWithItsName()
    {
        var result = await Run("memories", "import", _workspace.File("none.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("none.jsonl: no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Tag_ShowsOnlyTaggedMemories()
    {
        await ImportThreeAsync();

        var list = await Json("memories", "list", "--tag", "PREFERENCE");

        Assert.Equal(["User prefers concise answers"], list.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task List_LimitAndOffset_Page()
    {
        var ids = await ImportThreeAsync();

        var page = await Json("memories", "list", "--limit", "1", "--offset", "1");

        Assert.Equal([ids[1]], page.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_Text_ShowsIdsContentAndTags()
    {
        var ids = await ImportThreeAsync();

        var result = await Run("memories", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("3 memories\n", result.Output, StringComparison.Ordinal);
        Assert.Contains(ids[0], result.Output, StringComparison.Ordinal);
        Assert.Contains("[error, db]", result.Output, StringComparison.Ordinal);
        Assert.Contains("archived", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ZeroLimit_IsAUsageError()
    {
        var result = await Run("memories", "list", "--limit", "0");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("--limit must be at least 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Words_RanksMatchesAndSkipsArchived()
    {
        await ImportThreeAsync();

        var found = await Json("memories", "search", "database timed out");

        Assert.Equal(["Database connection timed out in checkout workflow"], found.GetProperty("memories").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        var withArchived = await Json("memories", "search", "database", "--include-archived");
        Assert.Equal(2, withArchived.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Search_Filters_AreApplied()
    {
        await ImportThreeAsync();

        Assert.Equal(0, (await Json("memories", "search", "database", "--min-quality", "0.9")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await Json("memories", "search", "database", "--tag", "preference")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await Json("memories", "search", "database", "--category", "error", "--user", "u1")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Search_NoMatch_SaysSoAndSucceeds()
    {
        await ImportThreeAsync();

        var result = await Run("memories", "search", "zebra");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0 memories match 'zebra'\n", result.Output);
    }

    [Fact]
    public async Task Show_Id_PrintsFieldsAndHistory()
    {
        var ids = await ImportThreeAsync();

        var text = await Run("memories", "show", ids[0]);
        var json = await Json("memories", "show", ids[2]);

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("metadata.service: \"checkout\"", text.Output, StringComparison.Ordinal);
        Assert.Contains("created", text.Output, StringComparison.Ordinal);
        Assert.Equal(["created", "archived"], json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Show_UnknownId_FailsWithTheId()
    {
        var result = await Run("memories", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no memory has the id 'nope'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithoutForceOffTerminal_RefusesAndKeepsTheMemory()
    {
        var ids = await ImportThreeAsync();

        var result = await Run("memories", "delete", ids[0]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pass --force", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await Json("memories", "stats")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Delete_Force_DeletesAndKeepsHistory()
    {
        var ids = await ImportThreeAsync();

        var deleted = await Json("memories", "delete", ids[0], "--force");

        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(2, (await Json("memories", "stats")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Run("memories", "show", ids[0])).ExitCode);
    }

    [Fact]
    public async Task Stats_AfterImport_CountsArchivedCategoriesAndSize()
    {
        await ImportThreeAsync();

        var stats = await Json("memories", "stats");

        Assert.Equal("local", stats.GetProperty("backend").GetString());
        Assert.Equal(3, stats.GetProperty("total").GetInt32());
        Assert.Equal(1, stats.GetProperty("archived").GetInt32());
        Assert.Equal(0.85, stats.GetProperty("average_quality").GetDouble(), 6);
        Assert.Equal(1, stats.GetProperty("by_category").GetProperty("error").GetInt32());
        Assert.True(stats.GetProperty("storage_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Export_ThenImportIntoAnotherStore_RoundTripsEveryField()
    {
        await ImportThreeAsync();
        var file = _workspace.File("out.jsonl");

        var exported = await Json("memories", "export", "--output", file);
        using var other = new MemoryWorkspace();
        var imported = await CliRun.RunAsync("memories", "import", file, "--config", other.Config);
        var again = await CliRun.RunAsync("memories", "export", "--config", other.Config);

        Assert.Equal(3, exported.GetProperty("exported").GetInt32());
        Assert.Equal(3, File.ReadAllLines(file).Length);
        Assert.Equal(0, imported.ExitCode);
        string Strip(string line)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            foreach (var key in (string[])["id", "created_at", "updated_at"])
            {
                node.Remove(key);
            }

            return node.ToJsonString();
        }

        Assert.Equal(File.ReadAllLines(file).Select(Strip), again.Output.TrimEnd('\n').Split('\n').Select(Strip));
    }

    [Fact]
    public async Task Export_NoOutput_WritesJsonLinesToStandardOutput()
    {
        await ImportThreeAsync();

        var result = await Run("memories", "export");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Output.TrimEnd('\n').Split('\n'), line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public async Task Memories_ConfigWithErrors_FailsBeforeOpeningAnything()
    {
        var config = _workspace.Write("broken.yaml", "backend:\n  backend_type: local\n  max_retries: 99\n");

        var result = await CliRun.RunAsync("memories", "stats", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("max_retries", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Database));
    }

    [Fact]
    public async Task Memories_UnimplementedBackend_NamesTheImplementedOnes()
    {
        var config = _workspace.Write("redis.yaml", "backend:\n  backend_type: redis\n");

        var result = await CliRun.RunAsync("memories", "stats", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("redis", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memories_Mem0WithoutItsKeyVariable_SaysWhichVariable()
    {
        var config = _workspace.Write("mem0.yaml", "backend:\n  backend_type: mem0\n  backend_settings:\n    api_key_env: MT_TEST_MEM0_KEY\n    host: 127.0.0.1:9\n");

        var result = await CliRun.RunAsync("memories", "stats", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MT_TEST_MEM0_KEY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memories_Mem0Unreachable_ExitsBackendUnavailable()
    {
        var config = _workspace.Write("mem0.yaml", "backend:\n  backend_type: mem0\n  max_retries: 0\n  connection_timeout: 2\n  backend_settings:\n    api_key_env: MT_TEST_MEM0_KEY\n    host: 127.0.0.1:9\n    user_id: u1\n");

        var result = await CliRun.RunAsync(new Dictionary<string, string?> { ["MT_TEST_MEM0_KEY"] = "k" }, "memories", "stats", "--config", config);

        Assert.Equal(69, result.ExitCode);
        Assert.Contains("unavailable", result.Error, StringComparison.Ordinal);
    }
}
