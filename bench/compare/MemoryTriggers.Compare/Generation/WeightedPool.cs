namespace MemoryTriggers.Compare.Generation;

/// <summary>A list of string values drawn with fixed weights (by default 1/rank, a Zipf law: the first is the most common).</summary>
internal sealed class WeightedPool
{
    private readonly double[] _cumulative;

    /// <summary>Creates a pool with Zipf weights 1, 1/2, 1/3, …</summary>
    public WeightedPool(IReadOnlyList<string> values)
        : this(values, Enumerable.Range(1, values.Count).Select(rank => 1.0 / rank).ToArray())
    {
    }

    /// <summary>Creates a pool with the given relative <paramref name="weights"/>.</summary>
    public WeightedPool(IReadOnlyList<string> values, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (values.Count == 0 || values.Count != weights.Count)
        {
            throw new ArgumentException("a pool needs one weight per value", nameof(weights));
        }

        Values = values;
        _cumulative = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }
    }

    /// <summary>Gets the values.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Draws one value.</summary>
    public string Pick(SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = rng.NextDouble() * _cumulative[^1];
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (u < _cumulative[i])
            {
                return Values[i];
            }
        }

        return Values[^1];
    }
}
