using MemoryTriggers.Compare.Reporting;

namespace MemoryTriggers.Compare.Tests.Reporting;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(312, "312")]
    [InlineData(5170, "5170")]
    [InlineData(45_600, "45.6 k")]
    [InlineData(1_234_567, "1.23 M")]
    public void Compact_Value_ThreeSignificantDigitsWithSuffix(double value, string expected) =>
        Assert.Equal(expected, Units.Compact(value).Format(value));

    [Theory]
    [InlineData(812, "812 ns")]
    [InlineData(1_900, "1.90 µs")]
    [InlineData(312_000, "312 µs")]
    [InlineData(3_300_000, "3.30 ms")]
    [InlineData(1_200_000_000, "1.20 s")]
    public void Nanoseconds_Value_PicksTheUnit(double ns, string expected) =>
        Assert.Equal(expected, Units.Nanoseconds(ns).Format(ns));

    [Fact]
    public void Ratio_Value_HasTheTimesSign() => Assert.Equal("12.3×", Units.Ratio(12.34));
}
