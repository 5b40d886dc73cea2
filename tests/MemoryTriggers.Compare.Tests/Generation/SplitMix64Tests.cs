using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.Generation;

public sealed class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_SeedZero_GivesTheReferenceSequence()
    {
        // The first outputs of Vigna's splitmix64.c with x = 0.
        var rng = new SplitMix64(0, "");

        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void Next_SameSeedAndStream_SameSequence_OtherStreamOtherSequence()
    {
        var a = new SplitMix64(42, "events");
        var b = new SplitMix64(42, "events");
        var c = new SplitMix64(42, "rules");

        var first = Enumerable.Range(0, 50).Select(_ => a.Next(1000)).ToArray();

        Assert.Equal(first, Enumerable.Range(0, 50).Select(_ => b.Next(1000)));
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(_ => c.Next(1000)));
    }

    [Fact]
    public void Between_ManyDraws_StaysInsideTheBoundsAndReachesBoth()
    {
        var rng = new SplitMix64(1, "t");

        var values = Enumerable.Range(0, 2000).Select(_ => rng.Between(3, 7)).ToArray();

        Assert.All(values, v => Assert.InRange(v, 3, 7));
        Assert.Equal([3, 4, 5, 6, 7], values.Distinct().Order());
        Assert.All(Enumerable.Range(0, 2000).Select(_ => rng.NextDouble()), d => Assert.InRange(d, 0, 0.9999999999));
    }
}
