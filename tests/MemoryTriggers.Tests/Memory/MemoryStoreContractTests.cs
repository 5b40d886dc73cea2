using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory;

/// <summary>
/// The behaviour every <see cref="IMemoryStore"/> must have: the assertions of
/// InMemoryMemoryStoreTests, run against a store a subclass opens.
/// </summary>
public abstract class MemoryStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private int _nextId;

    /// <summary>Gets the clock the stores use.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId);

    public Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();

    private Task<IMemoryStore> NewStore(TimeSpan? window = null) =>
        OpenStoreAsync(Time, window, () => "m" + Interlocked.Increment(ref _nextId));

    private static async Task<int> CountAsync(IMemoryStore store) => (await store.ListAsync(0, int.MaxValue)).Count;

    private static MemoryDraft Draft(string content, string? userId = null) => new() { Content = content, UserId = userId };

    [Fact]
    public async Task CreateAsync_NewContent_StoresEveryFieldWithHashAndTimestamps()
    {
        var store = await NewStore();
        var draft = new MemoryDraft
        {
            Content = "User prefers dark mode",
            Tags = ValueList<string>.From(["ui", " prefs ", "UI", ""]),
            Category = "preference",
            Metadata = ValueMap<object?>.From([new("source", "chat")]),
            QualityScore = 0.7,
            UserId = "u1",
            AgentId = "a1",
            RunId = "r1",
            SourceRule = "remember_prefs",
            ExpiresAfter = TimeSpan.FromDays(2),
        };

        var result = await store.CreateAsync(draft);

        Assert.True(result.Created);
        var record = result.Record;
        Assert.Equal("m1", record.Id);
        Assert.Equal("User prefers dark mode", record.Content);
        Assert.Equal(["ui", "prefs"], record.Tags);
        Assert.Equal("preference", record.Category);
        Assert.Equal("chat", record.Metadata["source"]);
        Assert.Equal(0.7, record.QualityScore);
        Assert.Equal(("u1", "a1", "r1", "remember_prefs"), (record.UserId, record.AgentId, record.RunId, record.SourceRule));
        Assert.Equal(MemoryContentHash.Compute("User prefers dark mode"), record.ContentHash);
        Assert.Equal(Start, record.CreatedAt);
        Assert.Equal(Start, record.UpdatedAt);
        Assert.Equal(Start.AddDays(2), record.ExpiresAt);
        Assert.False(record.Archived);
        Assert.Equal(record, await store.GetAsync("m1"));
    }

    [Fact]
    public async Task CreateAsync_SameContentWithinWindow_ReturnsTheExistingRecord()
    {
        var store = await NewStore();
        var first = await store.CreateAsync(Draft("Likes tea", "u1"));
        Time.Advance(TimeSpan.FromMinutes(4));

        var second = await store.CreateAsync(Draft("  likes   TEA ", "u1"));

        Assert.False(second.Created);
        Assert.Equal(first.Record, second.Record);
        Assert.Equal(1, await CountAsync(store));
        Assert.Single(await store.HistoryAsync(first.Record.Id));
    }

    [Fact]
    public async Task CreateAsync_SameContentAfterWindow_CreatesAnother()
    {
        var store = await NewStore();
        await store.CreateAsync(Draft("Likes tea"));
        Time.Advance(TimeSpan.FromMinutes(5));

        var second = await store.CreateAsync(Draft("Likes tea"));

        Assert.True(second.Created);
        Assert.Equal("m2", second.Record.Id);
        Assert.Equal(2, await CountAsync(store));
    }

    [Fact]
    public async Task CreateAsync_CustomWindow_IsHonoured()
    {
        var store = await NewStore(TimeSpan.FromHours(1));
        await store.CreateAsync(Draft("Likes tea"));
        Time.Advance(TimeSpan.FromMinutes(59));

        Assert.False((await store.CreateAsync(Draft("Likes tea"))).Created);
    }

    [Fact]
    public async Task CreateAsync_ZeroWindow_NeverDeduplicates()
    {
        var store = await NewStore(TimeSpan.Zero);
        await store.CreateAsync(Draft("Likes tea"));

        Assert.True((await store.CreateAsync(Draft("Likes tea"))).Created);
    }

    [Fact]
    public async Task CreateAsync_DefaultIdGenerator_Gives32HexDigits()
    {
        var record = (await (await OpenStoreAsync(Time, null, null)).CreateAsync(Draft("x"))).Record;

        Assert.Matches("^[0-9a-f]{32}$", record.Id);
    }

    [Theory]
    [InlineData("u2", null, null)]
    [InlineData(null, "a1", null)]
    [InlineData(null, null, "r1")]
    public async Task CreateAsync_SameContentInAnotherScope_CreatesAnother(string? userId, string? agentId, string? runId)
    {
        var store = await NewStore();
        await store.CreateAsync(Draft("Likes tea"));

        var other = await store.CreateAsync(new MemoryDraft { Content = "Likes tea", UserId = userId, AgentId = agentId, RunId = runId });

        Assert.True(other.Created);
    }

    [Fact]
    public async Task CreateAsync_DuplicateOfArchived_CreatesAnother()
    {
        var store = await NewStore();
        var first = await store.CreateAsync(Draft("Likes tea"));
        await store.ArchiveAsync(first.Record.Id);

        Assert.True((await store.CreateAsync(Draft("Likes tea"))).Created);
    }

    [Fact]
    public async Task CreateAsync_InvalidDraft_Throws()
    {
        var store = await NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(Draft("   ")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateAsync(new MemoryDraft { Content = "x", QualityScore = 1.5 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateAsync(new MemoryDraft { Content = "x", ExpiresAfter = TimeSpan.Zero }));
        Assert.Equal(0, await CountAsync(store));
    }

    [Fact]
    public async Task CreateAsync_IdGeneratorRepeatsAnId_Throws()
    {
        var store = await OpenStoreAsync(Time, TimeSpan.Zero, () => "same");
        await store.CreateAsync(Draft("one"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(Draft("two")));

        Assert.Equal("The id generator returned 'same', which is empty or already used.", error.Message);
    }

    [Fact]
    public async Task CreateAsync_CancelledToken_Throws()
    {
        var store = await NewStore();

        await Assert.ThrowsAsync<OperationCanceledException>(() => store.CreateAsync(Draft("x"), new CancellationToken(canceled: true)));
        Assert.Equal(0, await CountAsync(store));
    }

    [Fact]
    public async Task CreateAsync_ParallelDistinctContent_StoresAll()
    {
        var store = await OpenStoreAsync(Time, null, null);

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => store.CreateAsync(Draft("memory " + i)))));

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(500, results.Select(r => r.Record.Id).Distinct().Count());
        Assert.Equal(500, await CountAsync(store));
        Assert.Equal(500, (await store.ListAsync(0, 1000)).Count);
    }

    [Fact]
    public async Task CreateAsync_ParallelSameContent_StoresOne()
    {
        var store = await OpenStoreAsync(Time, null, null);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => store.CreateAsync(Draft("same")))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Record.Id).Distinct());
        Assert.Equal(1, await CountAsync(store));
    }

    [Fact]
    public async Task GetAsync_UnknownId_IsNull() =>
        Assert.Null(await (await NewStore()).GetAsync("nope"));

    [Fact]
    public async Task UpdateAsync_AllFields_ReplacesAndMergesMetadataAndRecordsHistory()
    {
        var store = await NewStore();
        var created = (await store.CreateAsync(new MemoryDraft
        {
            Content = "old",
            Tags = ValueList<string>.From(["a"]),
            Category = "c1",
            Metadata = ValueMap<object?>.From([new("keep", 1L), new("change", "x")]),
        })).Record;
        Time.Advance(TimeSpan.FromMinutes(1));

        var updated = await store.UpdateAsync(created.Id, new MemoryUpdate
        {
            Content = "new content",
            Tags = ValueList<string>.From(["b", "c"]),
            Category = "c2",
            Metadata = ValueMap<object?>.From([new("change", "y"), new("added", true)]),
            QualityScore = 0.4,
        });

        Assert.NotNull(updated);
        Assert.Equal("new content", updated.Content);
        Assert.Equal(MemoryContentHash.Compute("new content"), updated.ContentHash);
        Assert.Equal(["b", "c"], updated.Tags);
        Assert.Equal("c2", updated.Category);
        Assert.Equal(["keep", "change", "added"], updated.Metadata.Keys);
        Assert.Equal("y", updated.Metadata["change"]);
        Assert.Equal(0.4, updated.QualityScore);
        Assert.Equal(Start, updated.CreatedAt);
        Assert.Equal(Start.AddMinutes(1), updated.UpdatedAt);
        Assert.Equal(updated, await store.GetAsync(created.Id));
        var change = (await store.HistoryAsync(created.Id))[^1];
        Assert.Equal(new MemoryChange(created.Id, MemoryChangeKind.Updated, Start.AddMinutes(1), "content, tags, category, metadata, quality_score"), change);
    }

    [Fact]
    public async Task UpdateAsync_NullFields_LeaveThemAndEmptyCategoryClearsIt()
    {
        var store = await NewStore();
        var created = (await store.CreateAsync(new MemoryDraft { Content = "keep", Category = "c", QualityScore = 0.2 })).Record;

        var updated = await store.UpdateAsync(created.Id, new MemoryUpdate { Category = string.Empty });

        Assert.NotNull(updated);
        Assert.Equal("keep", updated.Content);
        Assert.Null(updated.Category);
        Assert.Equal(0.2, updated.QualityScore);
    }

    [Fact]
    public async Task UpdateAsync_UnknownId_IsNull() =>
        Assert.Null(await (await NewStore()).UpdateAsync("nope", new MemoryUpdate { Content = "x" }));

    [Fact]
    public async Task UpdateAsync_BlankContentOrBadScore_Throws()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(id, new MemoryUpdate { Content = " " }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpdateAsync(id, new MemoryUpdate { QualityScore = -0.1 }));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItAndKeepsHistory()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await store.DeleteAsync(id));
        Assert.False(await store.DeleteAsync(id));
        Assert.Null(await store.GetAsync(id));
        Assert.Equal(0, await CountAsync(store));
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Deleted], (await store.HistoryAsync(id)).Select(c => c.Kind));
        Assert.Equal(Start.AddSeconds(1), (await store.HistoryAsync(id))[1].At);
    }

    [Fact]
    public async Task ArchiveAsync_Existing_MarksArchivedOnce()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;

        Assert.True(await store.ArchiveAsync(id));
        Assert.True(await store.ArchiveAsync(id));
        Assert.False(await store.ArchiveAsync("nope"));

        Assert.True((await store.GetAsync(id))!.Archived);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Archived], (await store.HistoryAsync(id)).Select(c => c.Kind));
    }

    [Fact]
    public async Task SetQualityAsync_InRange_SetsItAndRecordsTheScore()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;

        Assert.True(await store.SetQualityAsync(id, 0.85));
        Assert.False(await store.SetQualityAsync("nope", 0.5));

        Assert.Equal(0.85, (await store.GetAsync(id))!.QualityScore);
        Assert.Equal("0.85", (await store.HistoryAsync(id))[^1].Detail);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public async Task SetQualityAsync_OutOfRange_Throws(double score)
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SetQualityAsync(id, score));
    }

    [Fact]
    public async Task AddTagAsync_NewAndExistingTags_AddsOnceIgnoringCase()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(new MemoryDraft { Content = "x", Tags = ValueList<string>.From(["a"]) })).Record.Id;

        Assert.True(await store.AddTagAsync(id, " b "));
        Assert.True(await store.AddTagAsync(id, "A"));
        Assert.False(await store.AddTagAsync("nope", "b"));

        Assert.Equal(["a", "b"], (await store.GetAsync(id))!.Tags);
        Assert.Equal(
            [new MemoryChange(id, MemoryChangeKind.Created, Start), new MemoryChange(id, MemoryChangeKind.Tagged, Start, "b")],
            await store.HistoryAsync(id));
    }

    [Fact]
    public async Task RemoveTagAsync_PresentAndAbsentTags_RemovesIgnoringCase()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(new MemoryDraft { Content = "x", Tags = ValueList<string>.From(["a", "b"]) })).Record.Id;

        Assert.True(await store.RemoveTagAsync(id, "B"));
        Assert.True(await store.RemoveTagAsync(id, "zzz"));
        Assert.False(await store.RemoveTagAsync("nope", "a"));

        Assert.Equal(["a"], (await store.GetAsync(id))!.Tags);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Untagged], (await store.HistoryAsync(id)).Select(c => c.Kind));
        Assert.Equal("B", (await store.HistoryAsync(id))[^1].Detail);
    }

    [Fact]
    public async Task AddTagAsync_BlankTag_Throws()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddTagAsync(id, " "));
    }

    [Fact]
    public async Task ListAsync_OffsetAndLimit_PageOldestFirstIncludingArchived()
    {
        var store = await NewStore();
        foreach (var content in new[] { "one", "two", "three", "four" })
        {
            await store.CreateAsync(Draft(content));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.ArchiveAsync("m2");

        Assert.Equal(["two", "three"], (await store.ListAsync(1, 2)).Select(r => r.Content));
        Assert.Equal(["one", "two", "three", "four"], (await store.ListAsync()).Select(r => r.Content));
        Assert.Empty(await store.ListAsync(4, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(-1, 10));
    }

    [Fact]
    public async Task HistoryAsync_EveryKindOfChange_IsInOrderWithTimes()
    {
        var store = await NewStore();
        var id = (await store.CreateAsync(Draft("x"))).Record.Id;
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.UpdateAsync(id, new MemoryUpdate { Content = "y" });
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.AddTagAsync(id, "t");
        await store.RemoveTagAsync(id, "t");
        await store.SetQualityAsync(id, 1);
        await store.ArchiveAsync(id);
        await store.DeleteAsync(id);

        var history = await store.HistoryAsync(id);

        Assert.Equal(
            [
                new MemoryChange(id, MemoryChangeKind.Created, Start),
                new MemoryChange(id, MemoryChangeKind.Updated, Start.AddSeconds(1), "content"),
                new MemoryChange(id, MemoryChangeKind.Tagged, Start.AddSeconds(2), "t"),
                new MemoryChange(id, MemoryChangeKind.Untagged, Start.AddSeconds(2), "t"),
                new MemoryChange(id, MemoryChangeKind.QualitySet, Start.AddSeconds(2), "1"),
                new MemoryChange(id, MemoryChangeKind.Archived, Start.AddSeconds(2)),
                new MemoryChange(id, MemoryChangeKind.Deleted, Start.AddSeconds(2)),
            ],
            history);
        Assert.Empty(await store.HistoryAsync("never"));
    }

    [Fact]
    public async Task GetStatsAsync_EmptyStore_IsAllZero()
    {
        var store = await NewStore();

        var stats = await store.GetStatsAsync();

        Assert.Equal((0L, 0L, 0L), (stats.Total, stats.Archived, stats.Expired));
        Assert.Null(stats.AverageQuality);
        Assert.Null(stats.OldestCreatedAt);
        Assert.Empty(stats.ByCategory);
    }

    [Fact]
    public async Task GetStatsAsync_MixedMemories_CountsArchivedExpiredAndCategories()
    {
        var store = await NewStore();
        await store.CreateAsync(new MemoryDraft { Content = "a", Category = "error", QualityScore = 0.2 });
        Time.Advance(TimeSpan.FromMinutes(1));
        var archived = await store.CreateAsync(new MemoryDraft { Content = "b", Category = "error", QualityScore = 0.6 });
        await store.ArchiveAsync(archived.Record.Id);
        await store.CreateAsync(new MemoryDraft { Content = "c", ExpiresAfter = TimeSpan.FromMinutes(1) });
        Time.Advance(TimeSpan.FromMinutes(2));

        var stats = await store.GetStatsAsync();

        Assert.Equal((3L, 1L, 1L), (stats.Total, stats.Archived, stats.Expired));
        Assert.Equal(0.4, stats.AverageQuality!.Value, 9);
        Assert.Equal(Start, stats.OldestCreatedAt);
        Assert.Equal(Start.AddMinutes(1), stats.NewestCreatedAt);
        Assert.Equal(2L, stats.ByCategory["error"]);
        Assert.Equal(1L, stats.ByCategory[""]);
        Assert.False(stats.Partial);
    }

    [Fact]
    public async Task CreateManyAsync_SeveralDrafts_ReturnsOneResultEachInOrder()
    {
        var store = await NewStore();

        var results = await store.CreateManyAsync([Draft("one"), Draft("two"), Draft("one")]);

        Assert.Equal([true, true, false], results.Select(r => r.Created));
        Assert.Equal(results[0].Record.Id, results[2].Record.Id);
        Assert.Equal(2, await CountAsync(store));
    }

    [Fact]
    public async Task CreateManyAsync_DuplicatesAcrossScopesAndWithinTheBatch_EachScopeDeduplicatesAlone()
    {
        var store = await NewStore();
        var stored = await store.CreateAsync(Draft("Likes tea"));
        var otherUser = new MemoryDraft { Content = "likes  TEA", UserId = "u2" };

        var results = await store.CreateManyAsync([Draft("likes tea"), otherUser, otherUser with { Tags = ValueList<string>.From(["t"]) }, Draft("Likes coffee")]);

        Assert.Equal([false, true, false, true], results.Select(r => r.Created));
        Assert.Equal(stored.Record.Id, results[0].Record.Id);
        Assert.Equal(results[1].Record.Id, results[2].Record.Id);
        Assert.Equal(3, await CountAsync(store));
    }
}
