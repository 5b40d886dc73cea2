namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// The distinct shapes of the varied stream: each a set of the optional top-level fields (a bit mask over
/// <see cref="EventSchema.OptionalFields"/>). Every optional field is in 32-68 % of the shapes, so with shapes drawn
/// uniformly it is present in 30-70 % of the events.
/// </summary>
internal sealed class ShapeTable
{
    private const double MinShare = 0.32;
    private const double MaxShare = 0.68;

    private ShapeTable(int[] masks)
    {
        Masks = masks;
    }

    /// <summary>Gets the shapes (bit i set: optional field i present).</summary>
    public IReadOnlyList<int> Masks { get; }

    /// <summary>Draws 20-50 distinct shapes.</summary>
    public static ShapeTable Create(SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var fields = EventSchema.OptionalFields.Count;
        var count = rng.Between(20, 50);
        while (true)
        {
            var presence = Enumerable.Range(0, fields).Select(_ => 0.3 + (0.4 * rng.NextDouble())).ToArray();
            var masks = new List<int>(count);
            var attempts = 0;
            while (masks.Count < count && attempts++ < 10_000)
            {
                var mask = 0;
                for (var f = 0; f < fields; f++)
                {
                    if (rng.Chance(presence[f]))
                    {
                        mask |= 1 << f;
                    }
                }

                if (!masks.Contains(mask))
                {
                    masks.Add(mask);
                }
            }

            var balanced = Enumerable.Range(0, fields)
                .Select(f => masks.Count(m => (m & (1 << f)) != 0) / (double)masks.Count)
                .All(share => share is >= MinShare and <= MaxShare);
            if (masks.Count == count && balanced)
            {
                return new ShapeTable(masks.ToArray());
            }
        }
    }

    /// <summary>Whether optional field <paramref name="field"/> is present in shape <paramref name="mask"/>.</summary>
    public static bool Has(int mask, int field) => (mask & (1 << field)) != 0;
}
