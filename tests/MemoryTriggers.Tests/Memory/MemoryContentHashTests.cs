using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory;

public sealed class MemoryContentHashTests
{
    [Fact]
    public void Compute_KnownText_IsSha256HexOfTheNormalizedText()
    {
        // SHA-256("hello world")
        Assert.Equal("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", MemoryContentHash.Compute("  Hello \n\t World "));
    }

    [Theory]
    [InlineData("  a   b  ", "a b")]
    [InlineData("ABC", "abc")]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("", "")]
    [InlineData(" \t ", "")]
    public void Normalize_CaseCompositionAndWhiteSpace_AreFolded(string content, string expected) =>
        Assert.Equal(expected, MemoryContentHash.Normalize(content));

    [Fact]
    public void Compute_DifferentWords_Differ() =>
        Assert.NotEqual(MemoryContentHash.Compute("user likes tea"), MemoryContentHash.Compute("user likes coffee"));

    [Property(MaxTest = 200)]
    public Property Normalize_IsIdempotentAndIgnoresSurroundingWhiteSpace() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty).ToArbitrary(), text =>
        {
            var once = MemoryContentHash.Normalize(text);
            return once == MemoryContentHash.Normalize(once)
                && MemoryContentHash.Compute(text) == MemoryContentHash.Compute(" \t" + text + "\n ");
        });
}
