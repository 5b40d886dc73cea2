using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.Generation;

public sealed class StringRulesTests
{
    [Theory]
    [InlineData("coder-3")]
    [InlineData("E_TIMEOUT")]
    [InlineData("user-abc")]
    [InlineData("please remember the deploy.")]
    [InlineData("eu-west-1a")]
    public void IsSafe_NonNumericAscii_IsTrue(string text) => Assert.True(StringRules.IsSafe(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData(" 5 ")]
    [InlineData("-3")]
    [InlineData("1e5")]
    [InlineData("1,000")]
    [InlineData("0x1f")]
    [InlineData("0b101")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("--")]
    [InlineData("café")]
    [InlineData("tab\there")]
    public void IsSafe_NumericEmptyOrNonAscii_IsFalse(string text) => Assert.False(StringRules.IsSafe(text));
}
