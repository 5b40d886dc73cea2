using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class PolicyContextTests
{
    [Fact]
    public void Constructor_JsonThatIsNotAnObject_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PolicyContext(TestContexts.Json("""{"a": [1]}""").GetProperty("a")));
        Assert.Throws<ArgumentNullException>(() => new PolicyContext((IReadOnlyDictionary<string, object?>)null!));
    }

    [Fact]
    public void TryGetValue_ReadsPathsAsPlainObjects()
    {
        PolicyContext context = TestContexts.Json("""{"a": {"b": [1, 2.5]}, "n": null}""");

        Assert.True(context.TryGetValue("a.b.1", out var item));
        Assert.Equal(2.5, item);
        Assert.True(context.TryGetValue("a.b", out var list));
        Assert.Equal(List(1L, 2.5), list);
        Assert.True(context.TryGetValue("n", out var nothing));
        Assert.Null(nothing);
        Assert.False(context.TryGetValue("a.c", out _));
    }

    [Fact]
    public void With_OverlayWins_AndNeitherInputChanges()
    {
        var values = new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 };
        PolicyContext original = values;

        var merged = original.With(new Dictionary<string, object?> { ["b"] = 20, ["c"] = 30 });

        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 20L, ["c"] = 30L }, merged.ToDictionary());
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 2L }, original.ToDictionary());
        Assert.Equal(2, values.Count);
    }

    [Fact]
    public void With_Twice_LaterOverlayWins()
    {
        PolicyContext context = TestContexts.Json("""{"a": 1}""");

        var merged = context.With(new Dictionary<string, object?> { ["a"] = 2, ["b"] = 2 }).With(new Dictionary<string, object?> { ["a"] = 3 });

        Assert.Equal(new Dictionary<string, object?> { ["a"] = 3L, ["b"] = 2L }, merged.ToDictionary());
    }

    [Fact]
    public void ToDictionary_JsonAndDictionary_GiveTheSamePlainObjects()
    {
        const string json = """{"s": "x", "i": 3, "d": 0.5, "b": false, "n": null, "l": [1, {"k": "v"}], "m": {"x": [true]}}""";

        var fromJson = new PolicyContext(TestContexts.Json(json)).ToDictionary();
        var fromDictionary = new PolicyContext(TestContexts.Dict(json)).ToDictionary();

        Assert.Equal(fromJson, fromDictionary);
        Assert.Equal(Map(("x", List(true))), fromJson["m"]);
    }
}
