using MemoryTriggers.Configuration;

namespace MemoryTriggers.Tests.Configuration;

public sealed class ValueListTests
{
    [Fact]
    public void Equals_SameItemsSameOrder_IsTrueWithEqualHashCodes()
    {
        var a = ValueList<string>.From(["slack", "email"]);
        var b = ValueList<string>.From(new List<string> { "slack", "email" });

        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_SameItemsOtherOrder_IsFalse() =>
        Assert.NotEqual(ValueList<string>.From(["slack", "email"]), ValueList<string>.From(["email", "slack"]));

    [Fact]
    public void Equals_DifferentLength_IsFalse() =>
        Assert.NotEqual(ValueList<string>.From(["slack"]), ValueList<string>.From(["slack", "slack"]));

    [Fact]
    public void Equals_NullOrOtherType_IsFalse()
    {
        var list = ValueList<string>.From(["a"]);

        Assert.False(list.Equals(null));
        Assert.False(list.Equals((object)new[] { "a" }));
    }

    [Fact]
    public void From_NoItems_ReturnsEmpty() =>
        Assert.Same(ValueList<string>.Empty, ValueList<string>.From([]));

    [Fact]
    public void From_Array_CopiesSoLaterChangesDoNotShow()
    {
        var source = new[] { "a", "b" };
        ValueList<string> list = source;

        source[0] = "changed";

        Assert.Equal(["a", "b"], list);
    }

    [Fact]
    public void Indexer_AndCount_ReadTheItems()
    {
        var list = ValueList<int>.From([3, 1, 2]);

        Assert.Equal(3, list.Count);
        Assert.Equal(1, list[1]);
        Assert.Equal([3, 1, 2], list.ToArray());
    }

    [Fact]
    public void Equals_NestedValueLists_CompareByValue()
    {
        var a = ValueList<object?>.From([ValueList<object?>.From([1L, "x"]), null]);
        var b = ValueList<object?>.From([ValueList<object?>.From([1L, "x"]), null]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void ToString_ListsTheItems() =>
        Assert.Equal("[slack, email]", ValueList<string>.From(["slack", "email"]).ToString());
}
