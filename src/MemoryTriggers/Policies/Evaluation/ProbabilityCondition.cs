using System.Globalization;

namespace MemoryTriggers.Policies;

/// <summary>
/// <c>probability</c>: true with probability p, drawn from the engine's injectable randomness; with
/// <c>sample_by: FIELD</c>, true for a fixed share p of the field's values (an FNV-1a hash of the
/// value's text, finalised with splitmix64), so the same key always gets the same answer. A missing sample field is false.
/// </summary>
internal sealed class ProbabilityCondition(PolicyCondition source, string path, FieldPath? sampleBy) : CompiledCondition(source, path)
{
    private readonly double _probability = source.Probability ?? 0;

    /// <inheritdoc/>
    public override bool KeepsPlace => true;

    public static double HashToUnit(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        // FNV-1a mixes the last characters poorly into the top bits, so keys like user-1, user-2 would
        // cluster; the splitmix64 finaliser spreads them.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    protected override bool Test(ref EvalScope scope)
    {
        if (sampleBy is null)
        {
            return scope.Rule.Random() < _probability;
        }

        var text = scope.Resolve(sampleBy).ToKeyText();
        return text is not null && HashToUnit(text) < _probability;
    }

    protected override (string? Actual, string? Expected) Describe(ref EvalScope scope) =>
        (sampleBy is null ? "random draw" : "hash of " + scope.Resolve(sampleBy), string.Create(CultureInfo.InvariantCulture, $"p = {_probability}"));
}
