using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Mem0;

namespace MemoryTriggers.Tests.Memory.Mem0;

public sealed class Mem0MemoryStoreTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private Mem0StandInServer _server = null!;

    public async Task InitializeAsync() => _server = await Mem0StandInServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private Mem0MemoryStore Store(Mem0Dialect dialect = Mem0Dialect.Oss, TimeSpan? window = null) =>
        new(
            new Mem0Client(_http, new Mem0Options { BaseAddress = _server.Address, Dialect = dialect, ApiKey = Mem0StandInServer.Key, DefaultUserId = "alice", MaxRetries = 0, EventPollInterval = TimeSpan.FromMilliseconds(10) }),
            deduplicationWindow: window);

    private static MemoryDraft Draft(string content) => new()
    {
        Content = content,
        Tags = ValueList<string>.From(["ui", "prefs"]),
        Category = "preference",
        Metadata = ValueMap<object?>.From([new("source", "chat"), new("count", 3L)]),
        QualityScore = 0.7,
        SourceRule = "rule-1",
    };

    [Theory]
    [InlineData(Mem0Dialect.Oss)]
    [InlineData(Mem0Dialect.Platform)]
    public async Task CreateAsync_ThenGet_RoundTripsEveryFieldThroughMetadata(Mem0Dialect dialect)
    {
        var store = Store(dialect);

        var created = await store.CreateAsync(Draft("User prefers dark mode"));
        var read = await store.GetAsync(created.Record.Id);

        Assert.True(created.Created);
        Assert.NotNull(read);
        Assert.Equal("User prefers dark mode", read.Content);
        Assert.Equal(["ui", "prefs"], read.Tags);
        Assert.Equal("preference", read.Category);
        Assert.Equal(0.7, read.QualityScore);
        Assert.Equal("rule-1", read.SourceRule);
        Assert.Equal("alice", read.UserId);
        Assert.Equal(created.Record.ContentHash, read.ContentHash);
        Assert.Equal(created.Record.Metadata, read.Metadata);
        Assert.False(read.Archived);
    }

    [Fact]
    public async Task CreateAsync_SameContentInWindow_ReturnsExisting()
    {
        var store = Store();
        var first = await store.CreateAsync(Draft("Same thing"));

        var second = await store.CreateAsync(Draft("  same   THING "));

        Assert.False(second.Created);
        Assert.Equal(first.Record.Id, second.Record.Id);
    }

    [Fact]
    public async Task CreateAsync_ReservedMetadataKey_Throws()
    {
        var draft = new MemoryDraft { Content = "x", Metadata = ValueMap<object?>.From([new("mt_tags", "no")]) };

        await Assert.ThrowsAsync<ArgumentException>(() => Store().CreateAsync(draft));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TagArchiveQuality_KnownAndUnknownIds_ChangeMetadataOrReturnFalse()
    {
        var store = Store(window: TimeSpan.Zero);
        var id = (await store.CreateAsync(Draft("tag me"))).Record.Id;

        Assert.True(await store.AddTagAsync(id, "New"));
        Assert.True(await store.RemoveTagAsync(id, "UI"));
        Assert.True(await store.SetQualityAsync(id, 0.25));
        Assert.True(await store.ArchiveAsync(id));
        Assert.False(await store.AddTagAsync("33333333-3333-3333-3333-333333333333", "x"));
        var read = await store.GetAsync(id);

        Assert.Equal(["prefs", "New"], read!.Tags);
        Assert.Equal(0.25, read.QualityScore);
        Assert.True(read.Archived);
        Assert.Equal("chat", read.Metadata["source"]);
    }

    [Fact]
    public async Task UpdateAsync_ContentMetadataEmptyCategory_MergesAndClears()
    {
        var store = Store();
        var id = (await store.CreateAsync(Draft("before"))).Record.Id;

        var updated = await store.UpdateAsync(id, new MemoryUpdate { Content = "after", Category = "", Metadata = ValueMap<object?>.From([new("extra", true)]) });
        var read = await store.GetAsync(id);

        Assert.Equal("after", updated!.Content);
        Assert.Equal("after", read!.Content);
        Assert.Null(read.Category);
        Assert.Equal(true, read.Metadata["extra"]);
        Assert.Equal("chat", read.Metadata["source"]);
        Assert.Null(await store.UpdateAsync("44444444-4444-4444-4444-444444444444", new MemoryUpdate { Content = "z" }));
    }

    [Fact]
    public async Task RecallAsync_TextAndFilters_SearchesThenFiltersArchivedTagsAndQuality()
    {
        var store = Store(window: TimeSpan.Zero);
        var keep = (await store.CreateAsync(Draft("dark mode on laptop"))).Record.Id;
        var archived = (await store.CreateAsync(Draft("dark mode on phone"))).Record.Id;
        await store.CreateAsync(Draft("dark mode low") with { QualityScore = 0.1 });
        await store.CreateAsync(new MemoryDraft { Content = "light theme" });
        await store.ArchiveAsync(archived);

        var found = await store.RecallAsync(new MemoryQuery { Text = "dark mode", Tags = ValueList<string>.From(["UI"]), MinQuality = 0.5 });
        var all = await store.RecallAsync(new MemoryQuery { Limit = 10 });

        Assert.Equal([keep], found.Select(r => r.Id));
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task DeleteAndHistory_Oss_MapsMem0Events()
    {
        var store = Store();
        var id = (await store.CreateAsync(Draft("short-lived"))).Record.Id;
        await store.UpdateAsync(id, new MemoryUpdate { Content = "changed" });

        Assert.True(await store.DeleteAsync(id));
        Assert.False(await store.DeleteAsync(id));
        Assert.Null(await store.GetAsync(id));
        var history = await store.HistoryAsync(id);

        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Updated, MemoryChangeKind.Deleted], history.Select(c => c.Kind));
        Assert.Equal("changed", history[1].Detail);
    }

    [Fact]
    public async Task ListAsync_Paging_OldestFirst()
    {
        var store = Store(window: TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            await store.CreateAsync(new MemoryDraft { Content = "m" + i });
        }

        var page = await store.ListAsync(offset: 1, limit: 5);

        Assert.Equal(["m1", "m2"], page.Select(r => r.Content));
    }
}
