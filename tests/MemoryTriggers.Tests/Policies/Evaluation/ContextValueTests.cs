using System.Collections;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class ContextValueTests
{
    public static TheoryData<object?, int> ClrValues => new()
    {
        { null, (int)ValueKind.Null },
        { "x", (int)ValueKind.String },
        { true, (int)ValueKind.Boolean },
        { 1, (int)ValueKind.Number },
        { 1L, (int)ValueKind.Number },
        { 1.5, (int)ValueKind.Number },
        { 1.5f, (int)ValueKind.Number },
        { 1.5m, (int)ValueKind.Number },
        { (short)1, (int)ValueKind.Number },
        { (byte)1, (int)ValueKind.Number },
        { 1u, (int)ValueKind.Number },
        { 1UL, (int)ValueKind.Number },
        { new List<int> { 1 }, (int)ValueKind.Array },
        { new[] { "a" }, (int)ValueKind.Array },
        { new Dictionary<string, object?>(), (int)ValueKind.Object },
        { new Dictionary<string, int>(), (int)ValueKind.Object },
        { new Hashtable(), (int)ValueKind.Object },
        { ValueMap<object?>.Empty, (int)ValueKind.Object },
        { ValueList<object?>.Empty, (int)ValueKind.Array },
    };

    [Theory]
    [MemberData(nameof(ClrValues))]
    public void From_ClrValue_HasItsJsonKind(object? value, int kind) =>
        Assert.Equal((ValueKind)kind, ContextValue.From(value).Kind);

    [Theory]
    [InlineData("""{"v": null}""", (int)ValueKind.Null)]
    [InlineData("""{"v": "x"}""", (int)ValueKind.String)]
    [InlineData("""{"v": false}""", (int)ValueKind.Boolean)]
    [InlineData("""{"v": 1e3}""", (int)ValueKind.Number)]
    [InlineData("""{"v": []}""", (int)ValueKind.Array)]
    [InlineData("""{"v": {}}""", (int)ValueKind.Object)]
    public void From_JsonElement_HasItsJsonKind(string json, int kind) =>
        Assert.Equal((ValueKind)kind, ContextValue.From(TestContexts.Json(json).GetProperty("v")).Kind);

    [Fact]
    public void Missing_IsNeitherNullNorAValue()
    {
        Assert.Equal(ValueKind.Missing, ContextValue.Missing.Kind);
        Assert.False(ContextValue.Missing.HasValue);
        Assert.False(ContextValue.From(null).HasValue);
        Assert.True(ContextValue.From(string.Empty).HasValue);
    }

    [Theory]
    [InlineData("12", true, 12.0)]
    [InlineData("-1.5", true, -1.5)]
    [InlineData("1e3", true, 1000.0)]
    [InlineData("NaN", false, 0.0)]
    [InlineData("Infinity", false, 0.0)]
    [InlineData("1,5", false, 0.0)]
    [InlineData("abc", false, 0.0)]
    [InlineData("", false, 0.0)]
    public void TryGetNumber_String_ParsesFiniteInvariantNumbers(string text, bool parses, double number)
    {
        Assert.Equal(parses, ContextValue.From(text).TryGetNumber(out var parsed));
        if (parses)
        {
            Assert.Equal(number, parsed);
        }
    }

    [Fact]
    public void TryGetNumber_Boolean_IsNotANumber()
    {
        Assert.False(ContextValue.From(true).TryGetNumber(out _));
        Assert.False(ContextValue.From(TestContexts.Json("""{"v": true}""").GetProperty("v")).TryGetNumber(out _));
    }

    [Fact]
    public void IsTrue_ReadsBooleansOfEitherOrigin()
    {
        Assert.True(ContextValue.From(true).IsTrue);
        Assert.False(ContextValue.From(false).IsTrue);
        Assert.True(ContextValue.From(TestContexts.Json("""{"v": true}""").GetProperty("v")).IsTrue);
        Assert.False(ContextValue.From("true").IsTrue);
    }

    [Theory]
    [InlineData("""{"v": 5}""", 5L)]
    [InlineData("""{"v": 5.0}""", 5L)]
    [InlineData("""{"v": 5.25}""", 5.25)]
    [InlineData("""{"v": "5"}""", "5")]
    [InlineData("""{"v": true}""", true)]
    [InlineData("""{"v": null}""", null)]
    public void ToPlainObject_Scalars_AreStringLongDoubleBoolOrNull(string json, object? expected)
    {
        Assert.Equal(expected, ContextValue.From(TestContexts.Json(json).GetProperty("v")).ToPlainObject());
        Assert.Equal(expected, ContextValue.From(TestContexts.Dict(json)["v"]).ToPlainObject());
    }

    [Fact]
    public void ToPlainObject_ListsAndMaps_BecomeValueListAndValueMap()
    {
        const string json = """{"v": {"a": [1, "x", null], "b": {"c": false}}}""";
        var expected = PolicyBuild.Map(("a", PolicyBuild.List(1L, "x", null)), ("b", PolicyBuild.Map(("c", false))));

        Assert.Equal(expected, ContextValue.From(TestContexts.Json(json).GetProperty("v")).ToPlainObject());
        Assert.Equal(expected, ContextValue.From(TestContexts.Dict(json)["v"]).ToPlainObject());
    }

    [Fact]
    public void ToPlainObject_NonGenericDictionary_UsesKeyText()
    {
        var table = new Hashtable { [1] = "one" };

        Assert.Equal(PolicyBuild.Map(("1", "one")), ContextValue.From(table).ToPlainObject());
    }

    [Theory]
    [InlineData("""{"v": "k"}""", "k")]
    [InlineData("""{"v": 7}""", "7")]
    [InlineData("""{"v": 7.5}""", "7.5")]
    [InlineData("""{"v": true}""", "true")]
    [InlineData("""{"v": null}""", null)]
    [InlineData("""{"v": [1,"a"]}""", "[1,\"a\"]")]
    public void ToKeyText_IsTheSameForJsonAndDictionary(string json, string? expected)
    {
        Assert.Equal(expected, ContextValue.From(TestContexts.Json(json).GetProperty("v")).ToKeyText());
        Assert.Equal(expected, ContextValue.From(TestContexts.Dict(json)["v"]).ToKeyText());
    }

    [Fact]
    public void Item_ReadsListsOfEveryShape()
    {
        Assert.Equal(2L, ContextValue.From(new List<int> { 1, 2 }).Item(1).ToPlainObject());
        Assert.Equal("b", ContextValue.From(new[] { "a", "b" }).Item(1).ToPlainObject());
        Assert.Equal(3L, ContextValue.From(Yield(1, 2, 3)).Item(2).ToPlainObject());
        Assert.Equal(ValueKind.Missing, ContextValue.From(Yield(1)).Item(1).Kind);
        Assert.Equal(ValueKind.Missing, ContextValue.From(new List<int> { 1 }).Item(-1).Kind);
        Assert.Equal(ValueKind.Missing, ContextValue.From("abc").Item(0).Kind);

        static IEnumerable<int> Yield(params int[] items)
        {
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    [Fact]
    public void Member_ReadsMapsOfEveryShape()
    {
        Assert.Equal(1L, ContextValue.From(new Dictionary<string, int> { ["a"] = 1 }).Member("a").ToPlainObject());
        Assert.Equal("x", ContextValue.From(PolicyBuild.Map(("a", "x"))).Member("a").ToPlainObject());
        Assert.Equal(ValueKind.Null, ContextValue.From(new Dictionary<string, object?> { ["a"] = null }).Member("a").Kind);
        Assert.Equal(ValueKind.Missing, ContextValue.From(new Dictionary<string, object?>()).Member("a").Kind);
        Assert.Equal(ValueKind.Missing, ContextValue.From(new[] { 1 }).Member("a").Kind);
    }

    [Fact]
    public void StringEquals_IsOrdinalForBothOrigins()
    {
        var json = ContextValue.From(TestContexts.Json("""{"v": "Straße"}""").GetProperty("v"));

        Assert.True(json.StringEquals("Straße"));
        Assert.False(json.StringEquals("STRASSE"));
        Assert.True(ContextValue.From("Straße").StringEquals("Straße"));
        Assert.False(ContextValue.From(5).StringEquals("5"));
    }

    [Fact]
    public void ToString_DescribesValuesForTraces()
    {
        Assert.Equal("(missing)", ContextValue.Missing.ToString());
        Assert.Equal("null", ContextValue.From(null).ToString());
        Assert.Equal("\"x\"", ContextValue.From("x").ToString());
        Assert.Equal("3", ContextValue.From(3).ToString());
        Assert.Equal("false", ContextValue.From(false).ToString());
    }
}
