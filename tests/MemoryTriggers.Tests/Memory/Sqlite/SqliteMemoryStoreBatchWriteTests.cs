using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>The create path's batched statements: multi-row tag, metadata and history inserts.</summary>
public sealed class SqliteMemoryStoreBatchWriteTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync();

    [Fact]
    public async Task CreateManyAsync_MoreTagsAndMetadataThanOneStatementHolds_StoresAndFiltersEveryRow()
    {
        var store = await _database.OpenAsync(_time);
        var tags = Enumerable.Range(0, 230).Select(i => $"Tag{i}").ToArray();
        var metadata = ValueMap<object?>.From(Enumerable.Range(0, 250).Select(i =>
            new KeyValuePair<string, object?>($"k{i}", (i % 3) switch { 0 => $"v{i}", 1 => i + 0.1, _ => (object?)null })));

        var created = await store.CreateManyAsync([new MemoryDraft { Content = "wide memory", Tags = tags, Metadata = metadata }, new MemoryDraft { Content = "narrow memory" }]);

        var stored = await store.GetAsync(created[0].Record.Id);
        Assert.NotNull(stored);
        Assert.Equal(tags, stored.Tags);
        Assert.Equal(metadata, stored.Metadata);
        var byTagAndMetadata = await store.RecallAsync(new MemoryQuery
        {
            Tags = ["tag229"],
            Metadata = ValueMap<object?>.From([new("k246", "v246"), new("k199", 199.1)]),
        });
        Assert.Equal([created[0].Record.Id], byTagAndMetadata.Select(m => m.Id));
    }

    [Fact]
    public async Task CreateManyAsync_BatchWithDuplicates_RecordsOneCreatedEntryPerNewMemoryAtItsTime()
    {
        var store = await _database.OpenAsync(_time, batchSize: 150);
        var drafts = Enumerable.Range(0, 260).Select(i => new MemoryDraft { Content = $"memory {i % 130}" }).ToList();

        var results = await store.CreateManyAsync(drafts);

        Assert.Equal(130, results.Count(r => r.Created));
        Assert.All(results.Skip(130), (r, i) => Assert.Equal(results[i].Record.Id, r.Record.Id));
        foreach (var result in results.Take(130))
        {
            var change = Assert.Single(await store.HistoryAsync(result.Record.Id));
            Assert.Equal(MemoryChangeKind.Created, change.Kind);
            Assert.Equal(_time.GetUtcNow(), change.At);
        }
    }
}
