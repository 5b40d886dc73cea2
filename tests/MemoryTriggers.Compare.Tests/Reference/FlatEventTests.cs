using MemoryTriggers.Compare.Reference;

namespace MemoryTriggers.Compare.Tests.Reference;

public sealed class FlatEventTests
{
    [Fact]
    public void Parse_NestedObject_ReadsEveryPath()
    {
        var flat = FlatEvent.Parse("""{"a":"x","b":{"c":1.5,"d":{"e":"y"}},"f":[1]}""", out var error);

        Assert.Null(error);
        Assert.NotNull(flat);
        Assert.Equal(6, flat.PathCount);
        Assert.True(flat.TryGetString("a", out var a) && a == "x");
        Assert.True(flat.TryGetNumber("b.c", out var c) && c == 1.5);
        Assert.True(flat.TryGetString("b.d.e", out var e) && e == "y");
        Assert.False(flat.TryGetString("b", out _));
        Assert.False(flat.TryGetNumber("f", out _));
        Assert.False(flat.TryGetString("b.d.missing", out _));
    }

    [Theory]
    [InlineData("[1,2]", "an event must be a JSON object")]
    [InlineData("\"text\"", "an event must be a JSON object")]
    [InlineData("{\"a\":", "not valid JSON")]
    public void Parse_NotAnObject_ReturnsAnError(string line, string expected)
    {
        var flat = FlatEvent.Parse(line, out var error);

        Assert.Null(flat);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
