using MemoryTriggers.Configuration;

namespace MemoryTriggers.Tests.Configuration;

public sealed class ValueMapTests
{
    private static ValueMap<int> Map(params (string Key, int Value)[] entries) =>
        ValueMap<int>.From(entries.Select(e => new KeyValuePair<string, int>(e.Key, e.Value)));

    [Fact]
    public void Equals_SameEntriesInAnyOrder_IsTrueWithEqualHashCodes()
    {
        var a = Map(("a", 1), ("b", 2));
        var b = Map(("b", 2), ("a", 1));

        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("a", 9)]
    [InlineData("c", 2)]
    public void Equals_DifferentKeyOrValue_IsFalse(string key, int value) =>
        Assert.NotEqual(Map(("a", 1), ("b", 2)), Map(("a", 1), (key, value)));

    [Fact]
    public void Equals_SubsetOrNull_IsFalse()
    {
        var map = Map(("a", 1), ("b", 2));

        Assert.NotEqual(map, Map(("a", 1)));
        Assert.NotEqual(Map(("a", 1)), map);
        Assert.False(map.Equals(null));
    }

    [Fact]
    public void Keys_KeepTheOrderGiven()
    {
        var map = Map(("zeta", 1), ("alpha", 2), ("mid", 3));

        Assert.Equal(["zeta", "alpha", "mid"], map.Keys);
        Assert.Equal([1, 2, 3], map.Values);
        Assert.Equal(["zeta", "alpha", "mid"], map.Select(e => e.Key));
    }

    [Fact]
    public void SetItem_ExistingKey_ReplacesInPlaceAndLeavesTheOriginal()
    {
        var original = Map(("a", 1), ("b", 2));

        var changed = original.SetItem("a", 10);

        Assert.Equal(["a", "b"], changed.Keys);
        Assert.Equal(10, changed["a"]);
        Assert.Equal(1, original["a"]);
    }

    [Fact]
    public void SetItem_NewKey_GoesLast()
    {
        var changed = Map(("b", 2)).SetItem("a", 1);

        Assert.Equal(["b", "a"], changed.Keys);
        Assert.Equal(2, changed.Count);
    }

    [Fact]
    public void From_RepeatedKey_LaterEntryWinsInPlace()
    {
        var map = Map(("a", 1), ("b", 2), ("a", 3));

        Assert.Equal(["a", "b"], map.Keys);
        Assert.Equal(3, map["a"]);
    }

    [Fact]
    public void TryGetValue_AndContainsKey_FindEntriesOrdinally()
    {
        var map = Map(("auto_recall", 1));

        Assert.True(map.TryGetValue("auto_recall", out var value));
        Assert.Equal(1, value);
        Assert.True(map.ContainsKey("auto_recall"));
        Assert.False(map.ContainsKey("Auto_Recall"));
        Assert.False(map.TryGetValue("missing", out _));
    }

    [Fact]
    public void Indexer_MissingKey_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => Map(("a", 1))["b"]);

    [Fact]
    public void Equals_NestedMapsAndLists_CompareByValue()
    {
        ValueMap<object?> Build(string order) => order == "ab"
            ? ValueMap<object?>.Empty.SetItem("a", ValueList<object?>.From([1L])).SetItem("b", ValueMap<object?>.Empty.SetItem("x", null))
            : ValueMap<object?>.Empty.SetItem("b", ValueMap<object?>.Empty.SetItem("x", null)).SetItem("a", ValueList<object?>.From([1L]));

        Assert.Equal(Build("ab"), Build("ba"));
        Assert.Equal(Build("ab").GetHashCode(), Build("ba").GetHashCode());
    }

    [Fact]
    public void Empty_HasNoEntries()
    {
        Assert.Empty(ValueMap<int>.Empty);
        Assert.Equal(ValueMap<int>.Empty, Map());
    }

    [Fact]
    public void ToString_ListsEntriesInOrder() =>
        Assert.Equal("{b: 2, a: 1}", Map(("b", 2), ("a", 1)).ToString());
}
