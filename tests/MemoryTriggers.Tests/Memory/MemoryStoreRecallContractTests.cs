using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory;

/// <summary>The recall behaviour every <see cref="IMemoryStore"/> must have: the assertions of InMemoryMemoryStoreRecallTests.</summary>
public abstract class MemoryStoreRecallContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private IMemoryStore _store = null!;
    private int _nextId;

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId);

    public async Task InitializeAsync() =>
        _store = await OpenStoreAsync(_time, TimeSpan.Zero, () => "m" + Interlocked.Increment(ref _nextId));

    public abstract Task DisposeAsync();

    private async Task<string> Add(MemoryDraft draft)
    {
        var id = (await _store.CreateAsync(draft)).Record.Id;
        _time.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private Task<string> Add(string content, params string[] tags) =>
        Add(new MemoryDraft { Content = content, Tags = ValueList<string>.From(tags) });

    private async Task<IEnumerable<string>> Recall(MemoryQuery query) => (await _store.RecallAsync(query)).Select(r => r.Id);

    [Fact]
    public async Task RecallAsync_Text_RanksByMatchingTermsThenRecency()
    {
        var oldBoth = await Add("Python deployment guide");
        var python = await Add("Python tips");
        var newBoth = await Add("deploying python services");
        await Add("unrelated note");

        Assert.Equal([newBoth, oldBoth, python], await Recall(new MemoryQuery { Text = "PYTHON deploy" }));
    }

    [Fact]
    public async Task RecallAsync_Text_MatchesTagsToo()
    {
        var tagged = await Add("some content", "Kubernetes");
        await Add("other content");

        Assert.Equal([tagged], await Recall(new MemoryQuery { Text = "kubernetes" }));
    }

    [Fact]
    public async Task RecallAsync_RepeatedTermsAndPunctuation_CountOnce()
    {
        var one = await Add("alpha beta");
        var two = await Add("alpha");

        Assert.Equal([one, two], await Recall(new MemoryQuery { Text = "alpha, alpha! beta?" }));
    }

    [Fact]
    public async Task RecallAsync_UpdatedMemory_CountsAsRecent()
    {
        var first = await Add("tea notes");
        var second = await Add("tea list");
        await _store.AddTagAsync(first, "drinks");

        Assert.Equal([first, second], await Recall(new MemoryQuery { Text = "tea" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ?! ")]
    public async Task RecallAsync_NoTerms_ReturnsAllMostRecentFirst(string? text)
    {
        var a = await Add("a");
        var b = await Add("b");

        Assert.Equal([b, a], await Recall(new MemoryQuery { Text = text }));
    }

    [Fact]
    public async Task RecallAsync_Limit_TakesTheBest()
    {
        for (var i = 0; i < 15; i++)
        {
            await Add("note " + i);
        }

        Assert.Equal(10, (await _store.RecallAsync(new MemoryQuery { Text = "note" })).Count);
        Assert.Equal(["m15", "m14", "m13"], await Recall(new MemoryQuery { Text = "note", Limit = 3 }));
        Assert.Empty(await Recall(new MemoryQuery { Limit = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.RecallAsync(new MemoryQuery { Limit = -1 }));
    }

    [Fact]
    public async Task RecallAsync_Tags_AllMustBePresentIgnoringCase()
    {
        var both = await Add("x", "Work", "urgent");
        await Add("y", "work");

        Assert.Equal([both], await Recall(new MemoryQuery { Tags = ValueList<string>.From(["work", "URGENT"]) }));
    }

    [Fact]
    public async Task RecallAsync_Category_MatchesIgnoringCase()
    {
        var fact = await Add(new MemoryDraft { Content = "x", Category = "Fact" });
        await Add(new MemoryDraft { Content = "y", Category = "preference" });
        await Add("z");

        Assert.Equal([fact], await Recall(new MemoryQuery { Category = "fact" }));
    }

    [Fact]
    public async Task RecallAsync_ScopeIds_FilterEachOnItsOwn()
    {
        var u1 = await Add(new MemoryDraft { Content = "x", UserId = "u1", AgentId = "a1", RunId = "r1" });
        var u1r2 = await Add(new MemoryDraft { Content = "x", UserId = "u1", AgentId = "a1", RunId = "r2" });
        var u2 = await Add(new MemoryDraft { Content = "x", UserId = "u2", AgentId = "a2" });

        Assert.Equal([u1r2, u1], await Recall(new MemoryQuery { UserId = "u1" }));
        Assert.Equal([u2], await Recall(new MemoryQuery { AgentId = "a2" }));
        Assert.Equal([u1], await Recall(new MemoryQuery { UserId = "u1", RunId = "r1" }));
        Assert.Empty(await Recall(new MemoryQuery { UserId = "U1" }));
    }

    [Fact]
    public async Task RecallAsync_Metadata_MatchesEqualValuesWithNumbersByValue()
    {
        var match = await Add(new MemoryDraft { Content = "x", Metadata = ValueMap<object?>.From([new("source", "chat"), new("turn", 3L)]) });
        await Add(new MemoryDraft { Content = "y", Metadata = ValueMap<object?>.From([new("source", "chat"), new("turn", 4L)]) });
        await Add(new MemoryDraft { Content = "z", Metadata = ValueMap<object?>.From([new("source", "email")]) });

        Assert.Equal([match], await Recall(new MemoryQuery { Metadata = ValueMap<object?>.From([new("source", "chat"), new("turn", 3.0)]) }));
        Assert.Empty(await Recall(new MemoryQuery { Metadata = ValueMap<object?>.From([new("missing", null)]) }));
    }

    [Fact]
    public async Task RecallAsync_MinQuality_ExcludesLowerAndUnscored()
    {
        var high = await Add(new MemoryDraft { Content = "x", QualityScore = 0.9 });
        var edge = await Add(new MemoryDraft { Content = "x", QualityScore = 0.5 });
        await Add(new MemoryDraft { Content = "x", QualityScore = 0.49 });
        await Add("x");

        Assert.Equal([edge, high], await Recall(new MemoryQuery { MinQuality = 0.5 }));
    }

    [Fact]
    public async Task RecallAsync_Archived_ExcludedUnlessAsked()
    {
        var archived = await Add("tea");
        var live = await Add("tea too");
        await _store.ArchiveAsync(archived);

        Assert.Equal([live], await Recall(new MemoryQuery { Text = "tea" }));
        Assert.Equal([archived, live], await Recall(new MemoryQuery { Text = "tea", IncludeArchived = true }));
    }

    [Fact]
    public async Task RecallAsync_Expired_IsNotReturnedButStillReadable()
    {
        var expiring = await Add(new MemoryDraft { Content = "tea", ExpiresAfter = TimeSpan.FromHours(1) });
        Assert.Equal([expiring], await Recall(new MemoryQuery { Text = "tea" }));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await Recall(new MemoryQuery { Text = "tea" }));
        Assert.NotNull(await _store.GetAsync(expiring));
    }

    [Fact]
    public async Task RecallAsync_AllFiltersTogether_MustAllHold()
    {
        var match = await Add(new MemoryDraft { Content = "deploy notes", Tags = ValueList<string>.From(["ops"]), Category = "howto", UserId = "u1", QualityScore = 0.8 });
        await Add(new MemoryDraft { Content = "deploy notes", Tags = ValueList<string>.From(["ops"]), Category = "howto", UserId = "u2", QualityScore = 0.8 });
        await Add(new MemoryDraft { Content = "deploy notes", Tags = ValueList<string>.From(["ops"]), Category = "other", UserId = "u1", QualityScore = 0.8 });
        await Add(new MemoryDraft { Content = "notes", Tags = ValueList<string>.From(["ops"]), Category = "howto", UserId = "u1", QualityScore = 0.8 });

        var query = new MemoryQuery { Text = "deploy", Tags = ValueList<string>.From(["ops"]), Category = "howto", UserId = "u1", MinQuality = 0.5 };

        Assert.Equal([match], await Recall(query));
    }
}
