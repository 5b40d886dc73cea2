namespace MemoryTriggers.Policies;

/// <summary>
/// A policy set compiled once, immutable, swapped as one reference. Rules are ordered by descending
/// priority, ties in file order. When enough rules start with a string equality on the same field
/// (usually <c>event_type</c>), they are bucketed by that value and an event is tested only against
/// its bucket and the rules without such an equality.
/// </summary>
internal sealed class CompiledPolicySet
{
    private readonly Dictionary<string, CompiledRule[]> _buckets;

    // The same buckets by UTF-8 key, for JSON strings read in place (a key that is not well-formed UTF-16 can only
    // be spelled with escapes in JSON, so it is found through _buckets).
    private readonly Utf8KeyTable<CompiledRule[]> _bucketsByUtf8;
    private readonly CompiledRule[] _unindexed;

    public CompiledPolicySet(PolicySet source, CompiledRule[] rules, FieldPathTable? paths = null)
    {
        Source = source;
        Paths = paths ?? new FieldPathTable().Freeze();
        Ordered = [.. rules.OrderByDescending(r => r.Rule.Priority).ThenBy(r => r.Order)];
        ByName = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        (IndexField, _buckets, _unindexed) = BuildIndex(Ordered);
        _bucketsByUtf8 = new Utf8KeyTable<CompiledRule[]>(
            _buckets.Select(b => (Utf8: Utf8Text.TryEncode(b.Key), Rules: b.Value)).Where(b => b.Utf8 is not null).Select(b => new KeyValuePair<byte[], CompiledRule[]>(b.Utf8!, b.Rules)));
    }

    public PolicySet Source { get; }

    /// <summary>Gets the field paths interned when compiling the set, which a <see cref="PathCache"/> resolves once per evaluation.</summary>
    public FieldPathTable Paths { get; }

    public CompiledRule[] Ordered { get; }

    public IReadOnlyDictionary<string, CompiledRule> ByName { get; }

    /// <summary>Gets the field the rules are indexed by, or null when no index pays off.</summary>
    public FieldPath? IndexField { get; }

    /// <summary>Returns the rules that can match the context, in evaluation order.</summary>
    public CompiledRule[] Candidates(in PolicyContext context) => Candidates(context, null, out _);

    /// <summary>Returns the rules that can match the context, in evaluation order; <paramref name="fromBucket"/> tells whether they are a bucket of the index (so their key equality holds).</summary>
    public CompiledRule[] Candidates(in PolicyContext context, PathCache? paths, out bool fromBucket)
    {
        fromBucket = false;
        if (IndexField is null)
        {
            return Ordered;
        }

        var value = paths is null ? IndexField.Resolve(context) : paths.Resolve(IndexField);
        if (value.Kind != ValueKind.String)
        {
            return value.HasValue ? Ordered : _unindexed;
        }

        CompiledRule[]? bucket;
        if (value.ClrString is { } text)
        {
            bucket = _buckets.GetValueOrDefault(text);
        }
        else if (value.TryGetJsonUtf8(out var utf8))
        {
            bucket = _bucketsByUtf8.TryGetValue(utf8, out var found) ? found : null;
        }
        else
        {
            // A JSON string with escape sequences: compared unescaped.
            bucket = _buckets.GetValueOrDefault(value.GetString()!);
        }

        if (bucket is null)
        {
            return _unindexed;
        }

        fromBucket = true;
        return bucket;
    }

    private static (FieldPath?, Dictionary<string, CompiledRule[]>, CompiledRule[]) BuildIndex(CompiledRule[] ordered)
    {
        var keyed = ordered.Select(r => (Rule: r, Key: IndexKey(r))).ToArray();
        var best = keyed.Where(k => k.Key is not null).GroupBy(k => k.Key!.Value.Field.Text).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (best is null || best.Count() < 2)
        {
            return (null, new Dictionary<string, CompiledRule[]>(), ordered);
        }

        var field = best.First().Key!.Value.Field;
        bool IsIndexed((CompiledRule Rule, (FieldPath Field, string Value, int Position)? Key) k) => k.Key is { } key && key.Field.Text == field.Text;
        foreach (var k in keyed.Where(IsIndexed))
        {
            k.Rule.IndexedBy(k.Key!.Value.Position);
        }

        var unindexed = keyed.Where(k => !IsIndexed(k)).Select(k => k.Rule).ToArray();
        var buckets = keyed.Where(IsIndexed)
            .GroupBy(k => k.Key!.Value.Value, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => keyed.Where(k => !IsIndexed(k) || k.Key!.Value.Value == g.Key).Select(k => k.Rule).ToArray(),
                StringComparer.Ordinal);
        return (field, buckets, unindexed);
    }

    /// <summary>The (field, value, position) of the first top-level, non-negated string equality that every match of the rule needs.</summary>
    private static (FieldPath Field, string Value, int Position)? IndexKey(CompiledRule rule)
    {
        if (rule.Rule.ConditionOperator != ConditionOperator.And)
        {
            return null;
        }

        for (var i = 0; i < rule.Conditions.Length; i++)
        {
            if (rule.Conditions[i] is FieldCondition { Source: { Type: PolicyConditionType.Equals, Negate: false } } equality
                && equality.Value is { Kind: ValueKind.String, HasNumber: false, Text: { } text })
            {
                return (equality.Field, text, i);
            }
        }

        return null;
    }
}
