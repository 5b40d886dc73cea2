using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class MemoryActionExecutorTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryMemoryStore _store;
    private readonly MemoryActionExecutor _executor;
    private int _nextId;

    public MemoryActionExecutorTests()
    {
        _store = new InMemoryMemoryStore(_time, newId: () => "m" + Interlocked.Increment(ref _nextId));
        _executor = new MemoryActionExecutor(_store);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task<IReadOnlyDictionary<string, object?>> Run(ActionRequest request) =>
        (await _executor.ExecuteAsync(request, CancellationToken.None)).Values;

    private async Task<string> Fail(ActionRequest request) =>
        (await Assert.ThrowsAsync<ActionFailedException>(() => _executor.ExecuteAsync(request, CancellationToken.None).AsTask())).Message;

    private async Task<string> Seed(string content, params string[] tags)
    {
        var id = (await _store.CreateAsync(new MemoryDraft { Content = content, Tags = ValueList<string>.From(tags) })).Record.Id;
        _time.Advance(TimeSpan.FromSeconds(1));
        return id;
    }

    [Fact]
    public void Types_AreTheEightMemoryActions() =>
        Assert.Equal(
            [
                PolicyActionType.CreateMemory, PolicyActionType.RecallMemory, PolicyActionType.UpdateMemory, PolicyActionType.DeleteMemory,
                PolicyActionType.ArchiveMemory, PolicyActionType.SetQualityScore, PolicyActionType.AddTag, PolicyActionType.RemoveTag,
            ],
            _executor.Types);

    [Fact]
    public async Task ExecuteAsync_ActionOfAnotherExecutor_Fails() =>
        Assert.Equal("log_event: the memory executor does not perform this action.", await Fail(For(PolicyActionType.LogEvent)));

    [Fact]
    public async Task CreateMemory_AllParameters_StoresTheMemoryAndOutputsIdCreatedAndHash()
    {
        var output = await Run(For(
            PolicyActionType.CreateMemory,
            ("content", "User prefers dark mode"),
            ("tags", List("ui", "prefs")),
            ("category", "preference"),
            ("metadata", Map(("source", "chat"), ("turn", 3L))),
            ("quality_score", 0.8),
            ("user_id", "u1"),
            ("agent_id", "a1"),
            ("run_id", "r1"),
            ("expires_in_days", 2L)));

        Assert.Equal("m1", output["memory_id"]);
        Assert.Equal(true, output["created"]);
        Assert.Equal(MemoryContentHash.Compute("User prefers dark mode"), output["content_hash"]);
        var record = await _store.GetAsync("m1");
        Assert.NotNull(record);
        Assert.Equal("User prefers dark mode", record.Content);
        Assert.Equal(["ui", "prefs"], record.Tags);
        Assert.Equal("preference", record.Category);
        Assert.Equal(Map(("source", "chat"), ("turn", 3L)), record.Metadata);
        Assert.Equal(0.8, record.QualityScore);
        Assert.Equal(("u1", "a1", "r1"), (record.UserId, record.AgentId, record.RunId));
        Assert.Equal("test_rule", record.SourceRule);
        Assert.Equal(Start.AddDays(2), record.ExpiresAt);
    }

    [Fact]
    public async Task CreateMemory_SingleStringTag_IsAListOfOne()
    {
        await Run(For(PolicyActionType.CreateMemory, ("content", "x"), ("tags", "solo")));

        Assert.Equal(["solo"], (await _store.GetAsync("m1"))!.Tags);
    }

    [Fact]
    public async Task CreateMemory_ScopeIdsAbsent_AreTakenFromTheContext()
    {
        var context = new Dictionary<string, object?> { ["user_id"] = "ctx-user", ["agent_id"] = 7L, ["run_id"] = "ctx-run" };

        await Run(For(PolicyActionType.CreateMemory, context, ("content", "x"), ("agent_id", "param-agent")));

        var record = (await _store.GetAsync("m1"))!;
        Assert.Equal(("ctx-user", "param-agent", "ctx-run"), (record.UserId, record.AgentId, record.RunId));
    }

    [Fact]
    public async Task CreateMemory_JsonContext_ScopeIdsAreRead()
    {
        var context = JsonDocument.Parse("""{"user_id": "json-user"}""").RootElement;
        var request = For(PolicyActionType.CreateMemory, ("content", "x")) with { Context = context };

        await Run(request);

        Assert.Equal("json-user", (await _store.GetAsync("m1"))!.UserId);
    }

    [Fact]
    public async Task CreateMemory_JsonElementParameters_AreAccepted()
    {
        var json = JsonDocument.Parse("""{"tags": ["a", "b"], "metadata": {"n": 2, "ok": true}}""").RootElement;

        await Run(For(PolicyActionType.CreateMemory, ("content", "x"), ("tags", json.GetProperty("tags")), ("metadata", json.GetProperty("metadata"))));

        var record = (await _store.GetAsync("m1"))!;
        Assert.Equal(["a", "b"], record.Tags);
        Assert.Equal(Map(("n", 2L), ("ok", true)), record.Metadata);
    }

    [Fact]
    public async Task CreateMemory_SameContentTwice_SecondIsNotCreated()
    {
        var first = await Run(For(PolicyActionType.CreateMemory, ("content", "Likes tea")));
        var second = await Run(For(PolicyActionType.CreateMemory, ("content", "likes tea")));

        Assert.Equal(first["memory_id"], second["memory_id"]);
        Assert.Equal(false, second["created"]);
        Assert.Equal(1, _store.Count);
    }

    [Theory]
    [MemberData(nameof(CreateFailures))]
    public async Task CreateMemory_BadParameters_FailWithAMessageNamingThem(string expected, (string, object?)[] parameters)
    {
        Assert.Equal(expected, await Fail(For(PolicyActionType.CreateMemory, parameters)));
        Assert.Equal(0, _store.Count);
    }

    public static TheoryData<string, (string, object?)[]> CreateFailures() => new()
    {
        { "create_memory: the parameter 'content' is required.", [] },
        { "create_memory: the parameter 'content' is required.", [("content", null)] },
        { "create_memory: the parameter 'content' must not be empty.", [("content", "  ")] },
        { "create_memory: the parameter 'content' must be a string; got a map.", [("content", Map(("a", 1L)))] },
        { "create_memory: the parameter 'content' must be a string; got true.", [("content", true)] },
        { "create_memory: the parameter 'tags' must be a list of strings or a string; got a map.", [("content", "x"), ("tags", Map())] },
        { "create_memory: the parameter 'tags' must be a list of strings; item 1 is a map.", [("content", "x"), ("tags", List("a", Map()))] },
        { "create_memory: the parameter 'metadata' must be a map; got 'x'.", [("content", "x"), ("metadata", "x")] },
        { "create_memory: the parameter 'category' must be a string; got a list.", [("content", "x"), ("category", List())] },
        { "create_memory: the parameter 'quality_score' must be a number between 0 and 1; got 2.", [("content", "x"), ("quality_score", 2L)] },
        { "create_memory: the parameter 'quality_score' must be a number; got 'high'.", [("content", "x"), ("quality_score", "high")] },
        { "create_memory: the parameter 'expires_in_days' must be a positive number; got 0.", [("content", "x"), ("expires_in_days", 0L)] },
    };

    [Fact]
    public async Task RecallMemory_Query_OutputsMemoriesCountAndIdsBestFirst()
    {
        var both = await Seed("python deploy", "ops");
        var one = await Seed("python tips");
        await Seed("other");
        await _store.SetQualityAsync(both, 0.9);

        var output = await Run(For(PolicyActionType.RecallMemory, ("query", "python deploy")));

        Assert.Equal(2, output["count"]);
        Assert.Equal(List(both, one), output["memory_ids"]);
        Assert.Equal(
            List(
                Map(("id", both), ("content", "python deploy"), ("tags", List("ops")), ("quality_score", 0.9)),
                Map(("id", one), ("content", "python tips"), ("tags", List()), ("quality_score", null))),
            output["memories"]);
    }

    [Fact]
    public async Task RecallMemory_NothingMatches_OutputsAnEmptyList()
    {
        await Seed("tea");

        var output = await Run(For(PolicyActionType.RecallMemory, ("query", "coffee")));

        Assert.Equal(0, output["count"]);
        Assert.Equal(List(), output["memories"]);
        Assert.Equal(List(), output["memory_ids"]);
    }

    [Fact]
    public async Task RecallMemory_MemoryId_ReturnsThatMemoryEvenIfArchived()
    {
        var id = await Seed("tea");
        await Seed("tea again");
        await _store.ArchiveAsync(id);

        var output = await Run(For(PolicyActionType.RecallMemory, ("memory_id", id)));

        Assert.Equal(List(id), output["memory_ids"]);
    }

    [Fact]
    public async Task RecallMemory_MemoryIdAndQuery_PutsTheIdFirstThenOtherMatches()
    {
        var coffee = await Seed("coffee");
        var tea1 = await Seed("tea one");
        var tea2 = await Seed("tea two");

        var output = await Run(For(PolicyActionType.RecallMemory, ("memory_id", coffee), ("query", "tea"), ("limit", 2L)));

        Assert.Equal(List(coffee, tea2), output["memory_ids"]);
        Assert.NotEqual(tea1, tea2);
    }

    [Fact]
    public async Task RecallMemory_UnknownMemoryId_Fails() =>
        Assert.Equal("recall_memory: no memory has the id 'nope'.", await Fail(For(PolicyActionType.RecallMemory, ("memory_id", "nope"))));

    [Fact]
    public async Task RecallMemory_Limit_DefaultsToTenAndAcceptsANumericString()
    {
        for (var i = 0; i < 12; i++)
        {
            await Seed("note " + i);
        }

        Assert.Equal(10, (await Run(For(PolicyActionType.RecallMemory, ("query", "note"))))["count"]);
        Assert.Equal(3, (await Run(For(PolicyActionType.RecallMemory, ("query", "note"), ("limit", "3"))))["count"]);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData("many", "'many'")]
    public async Task RecallMemory_BadLimit_Fails(object limit, string shown) =>
        Assert.Equal(
            limit is string
                ? $"recall_memory: the parameter 'limit' must be a number; got {shown}."
                : $"recall_memory: the parameter 'limit' must be a whole number of at least 1; got {shown}.",
            await Fail(For(PolicyActionType.RecallMemory, ("query", "x"), ("limit", limit))));

    [Fact]
    public async Task RecallMemory_Filters_ArePassedToTheStore()
    {
        var match = (await _store.CreateAsync(new MemoryDraft { Content = "a", Tags = ValueList<string>.From(["t"]), Category = "c", QualityScore = 0.9 })).Record.Id;
        await _store.CreateAsync(new MemoryDraft { Content = "b", Tags = ValueList<string>.From(["t"]), Category = "c", QualityScore = 0.1 });
        await _store.CreateAsync(new MemoryDraft { Content = "c", Tags = ValueList<string>.From(["t"]), Category = "other", QualityScore = 0.9 });
        await _store.CreateAsync(new MemoryDraft { Content = "d", Category = "c", QualityScore = 0.9 });

        var output = await Run(For(PolicyActionType.RecallMemory, ("tags", "t"), ("category", "c"), ("min_quality", "0.5")));

        Assert.Equal(List(match), output["memory_ids"]);
    }

    [Fact]
    public async Task RecallMemory_ContextUser_ScopesTheSearchButContextRunDoesNot()
    {
        var mine = (await _store.CreateAsync(new MemoryDraft { Content = "tea", UserId = "u1", RunId = "old-run" })).Record.Id;
        await _store.CreateAsync(new MemoryDraft { Content = "tea", UserId = "u2" });
        var context = new Dictionary<string, object?> { ["user_id"] = "u1", ["run_id"] = "new-run" };

        var output = await Run(For(PolicyActionType.RecallMemory, context, ("query", "tea")));

        Assert.Equal(List(mine), output["memory_ids"]);
    }

    [Fact]
    public async Task UpdateMemory_UpdatesMap_AppliesEveryField()
    {
        var id = await Seed("old", "a");

        var output = await Run(For(
            PolicyActionType.UpdateMemory,
            ("memory_id", id),
            ("updates", Map(("content", "new"), ("tags", List("b")), ("category", "c"), ("metadata", Map(("k", "v"))), ("quality_score", 0.3)))));

        Assert.Equal(id, output["memory_id"]);
        Assert.Equal(true, output["updated"]);
        var record = (await _store.GetAsync(id))!;
        Assert.Equal(("new", "c", 0.3), (record.Content, record.Category, record.QualityScore));
        Assert.Equal(["b"], record.Tags);
        Assert.Equal(Map(("k", "v")), record.Metadata);
    }

    [Fact]
    public async Task UpdateMemory_DirectParameters_WinOverUpdatesAndMetadataMerges()
    {
        var id = await Seed("old");

        await Run(For(
            PolicyActionType.UpdateMemory,
            ("memory_id", id),
            ("updates", Map(("content", "from updates"), ("metadata", Map(("a", 1L))))),
            ("content", "direct"),
            ("metadata", Map(("b", 2L)))));

        var record = (await _store.GetAsync(id))!;
        Assert.Equal("direct", record.Content);
        Assert.Equal(Map(("a", 1L), ("b", 2L)), record.Metadata);
    }

    [Theory]
    [MemberData(nameof(UpdateFailures))]
    public async Task UpdateMemory_BadParameters_FailWithAMessageNamingThem(string expected, (string, object?)[] parameters)
    {
        var id = await Seed("keep");

        Assert.Equal(expected, await Fail(For(PolicyActionType.UpdateMemory, [.. parameters.Select(p => p.Item2 is "$id" ? (p.Item1, id) : p)])));
        Assert.Equal("keep", (await _store.GetAsync(id))!.Content);
    }

    public static TheoryData<string, (string, object?)[]> UpdateFailures() => new()
    {
        { "update_memory: the parameter 'memory_id' is required.", [("content", "x")] },
        { "update_memory: no memory has the id 'nope'.", [("memory_id", "nope"), ("content", "x")] },
        { "update_memory: nothing to update; give 'updates' or one of the parameters content, tags, category, metadata, quality_score.", [("memory_id", "$id")] },
        { "update_memory: 'updates' has the unknown key 'importance'; use content, tags, category, metadata, quality_score.", [("memory_id", "$id"), ("updates", Map(("importance", "high")))] },
        { "update_memory: the parameter 'updates.quality_score' must be a number; got 'high'.", [("memory_id", "$id"), ("updates", Map(("quality_score", "high")))] },
        { "update_memory: the parameter 'updates' must be a map; got 'x'.", [("memory_id", "$id"), ("updates", "x")] },
        { "update_memory: the new content must not be empty.", [("memory_id", "$id"), ("updates", Map(("content", " ")))] },
    };

    [Fact]
    public async Task DeleteMemory_Existing_DeletesIt()
    {
        var id = await Seed("x");

        var output = await Run(For(PolicyActionType.DeleteMemory, ("memory_id", id)));

        Assert.Equal(ActionOutput.Of(("memory_id", id), ("deleted", true)).Values, output);
        Assert.Null(await _store.GetAsync(id));
    }

    [Fact]
    public async Task ArchiveMemory_Existing_ArchivesIt()
    {
        var id = await Seed("x");

        var output = await Run(For(PolicyActionType.ArchiveMemory, ("memory_id", id)));

        Assert.Equal(ActionOutput.Of(("memory_id", id), ("archived", true)).Values, output);
        Assert.True((await _store.GetAsync(id))!.Archived);
    }

    [Theory]
    [InlineData(0.25, 0.25)]
    [InlineData("0.75", 0.75)]
    [InlineData(1L, 1.0)]
    [InlineData(0L, 0.0)]
    public async Task SetQualityScore_NumberOrNumericString_SetsIt(object score, double expected)
    {
        var id = await Seed("x");

        var output = await Run(For(PolicyActionType.SetQualityScore, ("memory_id", id), ("score", score)));

        Assert.Equal(ActionOutput.Of(("memory_id", id), ("score", expected)).Values, output);
        Assert.Equal(expected, (await _store.GetAsync(id))!.QualityScore);
    }

    [Theory]
    [InlineData(1.5, "set_quality_score: the parameter 'score' must be a number between 0 and 1; got 1.5.")]
    [InlineData(-1L, "set_quality_score: the parameter 'score' must be a number between 0 and 1; got -1.")]
    [InlineData("abc", "set_quality_score: the parameter 'score' must be a number; got 'abc'.")]
    [InlineData("NaN", "set_quality_score: the parameter 'score' must be a number; got 'NaN'.")]
    [InlineData(null, "set_quality_score: the parameter 'score' is required.")]
    public async Task SetQualityScore_BadScore_Fails(object? score, string expected)
    {
        var id = await Seed("x");

        Assert.Equal(expected, await Fail(For(PolicyActionType.SetQualityScore, ("memory_id", id), ("score", score))));
        Assert.Null((await _store.GetAsync(id))!.QualityScore);
    }

    [Fact]
    public async Task AddTag_Existing_AddsTheTrimmedTag()
    {
        var id = await Seed("x", "a");

        var output = await Run(For(PolicyActionType.AddTag, ("memory_id", id), ("tag", " b ")));

        Assert.Equal(ActionOutput.Of(("memory_id", id), ("tag", "b")).Values, output);
        Assert.Equal(["a", "b"], (await _store.GetAsync(id))!.Tags);
    }

    [Fact]
    public async Task RemoveTag_Existing_RemovesTheTag()
    {
        var id = await Seed("x", "a", "b");

        var output = await Run(For(PolicyActionType.RemoveTag, ("memory_id", id), ("tag", "a")));

        Assert.Equal(ActionOutput.Of(("memory_id", id), ("tag", "a")).Values, output);
        Assert.Equal(["b"], (await _store.GetAsync(id))!.Tags);
    }

    [Theory]
    [InlineData(PolicyActionType.DeleteMemory, "delete_memory")]
    [InlineData(PolicyActionType.ArchiveMemory, "archive_memory")]
    [InlineData(PolicyActionType.SetQualityScore, "set_quality_score")]
    [InlineData(PolicyActionType.AddTag, "add_tag")]
    [InlineData(PolicyActionType.RemoveTag, "remove_tag")]
    public async Task IdActions_UnknownOrMissingId_Fail(PolicyActionType type, string name)
    {
        Assert.Equal($"{name}: no memory has the id 'nope'.", await Fail(For(type, ("memory_id", "nope"), ("score", 0.5), ("tag", "t"))));
        Assert.Equal($"{name}: the parameter 'memory_id' is required.", await Fail(For(type, ("score", 0.5), ("tag", "t"))));
    }

    [Theory]
    [InlineData(PolicyActionType.AddTag, "add_tag")]
    [InlineData(PolicyActionType.RemoveTag, "remove_tag")]
    public async Task TagActions_MissingTag_Fail(PolicyActionType type, string name)
    {
        var id = await Seed("x");

        Assert.Equal($"{name}: the parameter 'tag' is required.", await Fail(For(type, ("memory_id", id))));
        Assert.Equal($"{name}: the parameter 'tag' must not be empty.", await Fail(For(type, ("memory_id", id), ("tag", ""))));
    }

    [Fact]
    public async Task MemoryId_Number_IsAcceptedAsText()
    {
        var store = new InMemoryMemoryStore(_time, newId: () => "42");
        await store.CreateAsync(new MemoryDraft { Content = "x" });

        var output = await new MemoryActionExecutor(store).ExecuteAsync(For(PolicyActionType.ArchiveMemory, ("memory_id", 42L)), CancellationToken.None);

        Assert.Equal("42", output.Values["memory_id"]);
    }
}
