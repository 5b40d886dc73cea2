using System.Text.Json;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class MemoriesCleanupCommandTests : IDisposable
{
    private readonly MemoryWorkspace _workspace = new("""
        lifecycle:
          default_retention_days: 90
          error_memory_retention_days: 30
          quality_based_cleanup: true
          min_quality_for_retention: 0.4
          archival_enabled: true
          archive_after_days: 60
          archive_backend: in_place
        """);

    public void Dispose() => _workspace.Dispose();

    /// <summary>Stores memories as if written long ago: the store's clock is set back before each.</summary>
    private async Task<Dictionary<string, string>> SeedAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var clock = new FakeTimeProvider(now.AddDays(-365));
        var ids = new Dictionary<string, string>();
        await using var store = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = _workspace.Database }, clock);
        foreach (var (name, daysAgo, category, quality) in new (string, int, string?, double?)[]
        {
            ("old-default", 100, null, null),
            ("to-archive", 70, null, null),
            ("old-error", 40, "error", null),
            ("low-quality", 5, null, 0.1),
            ("fresh", 1, null, 0.9),
        })
        {
            clock.SetUtcNow(now.AddDays(-daysAgo));
            ids[name] = (await store.CreateAsync(new MemoryDraft { Content = name, Category = category, QualityScore = quality })).Record.Id;
        }

        return ids;
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var result = await CliRun.RunAsync([.. args, "--config", _workspace.Config, "--format", "json"]);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    [Fact]
    public async Task Cleanup_DryRun_ReportsEachRuleAndChangesNothing()
    {
        await SeedAsync();

        var result = await CliRun.RunAsync("memories", "cleanup", "--dry-run", "--config", _workspace.Config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Dry run: would delete 3, would archive 1 of 5 memories scanned", result.Output, StringComparison.Ordinal);
        Assert.Contains("past error retention: 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("past default retention: 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("low quality: 1", result.Output, StringComparison.Ordinal);
        Assert.Equal(5, (await Json("memories", "stats")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Json("memories", "stats")).GetProperty("archived").GetInt32());
    }

    [Fact]
    public async Task Cleanup_Real_DeletesAndArchivesWhatTheDryRunListed()
    {
        var ids = await SeedAsync();
        var planned = await Json("memories", "cleanup", "--dry-run");

        var done = await Json("memories", "cleanup");

        Assert.False(done.GetProperty("dry_run").GetBoolean());
        Assert.Equal(planned.GetProperty("deleted").ToString(), done.GetProperty("deleted").ToString());
        Assert.Equal(
            planned.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("action").GetString(), i.GetProperty("reason").GetString())),
            done.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("action").GetString(), i.GetProperty("reason").GetString())));
        var left = await Json("memories", "list");
        Assert.Equal(
            [(ids["to-archive"], true), (ids["fresh"], false)],
            left.GetProperty("memories").EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("archived").GetBoolean())));
    }

    [Fact]
    public async Task Cleanup_NothingToDo_ExitsZeroEvenAsADryRun()
    {
        var result = await CliRun.RunAsync("memories", "cleanup", "--dry-run", "--config", _workspace.Config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("would delete 0, would archive 0 of 0 memories scanned", result.Output, StringComparison.Ordinal);
    }
}
