using MemoryTriggers.Compare.Reporting;

namespace MemoryTriggers.Compare.Tests.Reporting;

public sealed class RunSummaryTests
{
    [Fact]
    public void Of_OddCount_MedianIsTheMiddleValue()
    {
        var summary = RunSummary.Of([5, 1, 9, 3, 7])!;

        Assert.Equal((5.0, 1.0, 9.0, 5), (summary.Median, summary.Min, summary.Max, summary.Count));
    }

    [Fact]
    public void Of_EvenCount_MedianIsTheMeanOfTheMiddleTwo()
    {
        var summary = RunSummary.Of([4, 1, 10, 2])!;

        Assert.Equal((3.0, 1.0, 10.0), (summary.Median, summary.Min, summary.Max));
    }

    [Fact]
    public void Of_NoValues_IsNull() => Assert.Null(RunSummary.Of([]));
}
