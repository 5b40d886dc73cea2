namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood 2014): a 64-bit state advanced by a constant and mixed by a
/// fixed finaliser. Chosen over <see cref="Random"/> because its output is fully specified, so the same seed gives
/// the same data on every runtime and platform. Only integer arithmetic and exact conversions are used.
/// </summary>
internal sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator for <paramref name="seed"/> and a named <paramref name="stream"/>, so that
    /// independent parts of the data (events, shapes, rules) do not disturb each other's sequences.</summary>
    public SplitMix64(long seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = unchecked((ulong)seed);
        foreach (var c in stream)
        {
            // FNV-1a over the stream name, folded into the seed.
            state = unchecked((state ^ c) * 0x100000001B3UL);
        }

        _state = state;
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Returns an integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; bias below 2^-32).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);
    }

    /// <summary>Returns an integer in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Returns a double in [0, 1) with 53 random bits (exact conversion).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns true with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Returns one item of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
