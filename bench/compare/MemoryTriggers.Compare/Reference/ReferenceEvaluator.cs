using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Reference;

/// <summary>
/// The deliberately simple reference evaluator of PROTOCOL.md: each rule's conditions are tested one by one, as the
/// table of the canonical model says. Its only shortcut is a bucket per event type (every rule's first condition is
/// <c>type</c> equality), which skips rules that the first condition would reject anyway.
/// </summary>
internal sealed class ReferenceEvaluator
{
    private readonly Dictionary<string, CanonicalRule[]> _byType = new(StringComparer.Ordinal);
    private readonly CanonicalRule[] _unbucketed;
    private readonly ConcurrentDictionary<string, Regex> _regexes = new(StringComparer.Ordinal);

    private static readonly int TypePath = PathIds.Of("type");
    private readonly RegexOptions _regexOptions;

    /// <summary>Prepares <paramref name="rules"/>; <paramref name="compileRegexes"/> compiles each regex to IL (worth it
    /// for a whole stream, not for a few hundred sample events).</summary>
    public ReferenceEvaluator(IEnumerable<CanonicalRule> rules, bool compileRegexes = false)
    {
        _regexOptions = RegexOptions.CultureInvariant | (compileRegexes ? RegexOptions.Compiled : RegexOptions.None);
        ArgumentNullException.ThrowIfNull(rules);
        var all = rules.ToArray();
        _unbucketed = all.Where(r => TypeOf(r) is null).ToArray();
        foreach (var group in all.Where(r => TypeOf(r) is not null).GroupBy(r => TypeOf(r)!, StringComparer.Ordinal))
        {
            // Rules without a type equality apply to every type, so they join each bucket (order does not matter:
            // matches are sorted).
            _byType[group.Key] = group.Concat(_unbucketed).ToArray();
        }

        foreach (var pattern in all.SelectMany(r => r.Conditions).SelectMany(c => c.Flatten()).Select(c => c.Pattern).OfType<string>())
        {
            _ = RegexFor(pattern);
        }
    }

    /// <summary>Gets the rules an event of <paramref name="type"/> is tested against.</summary>
    public IReadOnlyList<CanonicalRule> RulesFor(string? type) =>
        type is not null && _byType.TryGetValue(type, out var bucket) ? bucket : _unbucketed;

    /// <summary>Adds the ids of the rules that match <paramref name="flat"/> to <paramref name="matched"/>, sorted ordinally.</summary>
    public void Evaluate(FlatEvent flat, List<string> matched)
    {
        ArgumentNullException.ThrowIfNull(flat);
        ArgumentNullException.ThrowIfNull(matched);
        var start = matched.Count;
        var rules = RulesFor(flat.TryGetString(TypePath, out var type) ? type : null);
        for (var i = 0; i < rules.Count; i++)
        {
            if (Matches(rules[i], flat))
            {
                matched.Add(rules[i].Id);
            }
        }

        matched.Sort(start, matched.Count - start, StringComparer.Ordinal);
    }

    /// <summary>Whether every top-level condition of <paramref name="rule"/> holds.</summary>
    public bool Matches(CanonicalRule rule, FlatEvent flat)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return AllHold(rule.Conditions, flat);
    }

    /// <summary>Whether <paramref name="condition"/> holds for <paramref name="flat"/> (a missing path or a value of
    /// another JSON type makes every leaf false).</summary>
    public bool Holds(CanonicalCondition condition, FlatEvent flat)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(flat);
        switch (condition.Op)
        {
            case CanonicalOp.All:
                return AllHold(condition.Conditions, flat);
            case CanonicalOp.Any:
                for (var i = 0; i < condition.Conditions.Count; i++)
                {
                    if (Holds(condition.Conditions[i], flat))
                    {
                        return true;
                    }
                }

                return false;
            case CanonicalOp.Gt or CanonicalOp.Lt or CanonicalOp.Between:
                if (!flat.TryGetNumber(condition.PathId, out var number))
                {
                    return false;
                }

                return condition.Op switch
                {
                    CanonicalOp.Gt => number > condition.Number,
                    CanonicalOp.Lt => number < condition.Number,
                    _ => condition.Min <= number && number <= condition.Max,
                };
            default:
                if (!flat.TryGetString(condition.PathId, out var text))
                {
                    return false;
                }

                return condition.Op switch
                {
                    CanonicalOp.Eq => string.Equals(text, condition.Text, StringComparison.Ordinal),
                    CanonicalOp.Ne => !string.Equals(text, condition.Text, StringComparison.Ordinal),
                    CanonicalOp.In => InList(condition.Values, text),
                    CanonicalOp.Contains => text.Contains(condition.Text!, StringComparison.Ordinal),
                    _ => RegexFor(condition.Pattern!).IsMatch(text),
                };
        }
    }

    // Index loops, not foreach: foreach over an IReadOnlyList boxes an enumerator, millions of times per stream.
    private bool AllHold(IReadOnlyList<CanonicalCondition> conditions, FlatEvent flat)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (!Holds(conditions[i], flat))
            {
                return false;
            }
        }

        return true;
    }

    private static bool InList(IReadOnlyList<string> values, string text)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? TypeOf(CanonicalRule rule) =>
        rule.Conditions is [{ Op: CanonicalOp.Eq, Path: "type", Text: var type }, ..] ? type : null;

    private Regex RegexFor(string pattern) =>
        _regexes.GetOrAdd(pattern, p => new Regex(p, _regexOptions));
}
