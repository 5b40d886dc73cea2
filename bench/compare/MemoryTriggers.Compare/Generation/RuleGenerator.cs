using System.Globalization;
using System.Text;
using MemoryTriggers.Compare.Canonical;
using MemoryTriggers.Compare.Reference;

namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// Draws canonical rules under PROTOCOL.md's constraints: a type equality first, then 1-5 conditions from the mix;
/// <c>ne</c> and nested leaves only on fields every event has; optional fields only as top-level positive leaves;
/// distinct fields within a rule (so no rule contradicts itself). To keep match rates realistic, each rule gets a
/// target match rate and each condition a share of it; of a few random candidates for a condition, the one whose
/// rate on a sample of events of the rule's type is closest to its share is kept.
/// </summary>
internal sealed class RuleGenerator
{
    private const int Candidates = 6;
    private const double NestedGroupChance = 0.3;
    private const double TextShare = 0.65;
    private const int MinSurvivors = 40;
    private const int Retries = 8;

    /// <summary>The target share of the events of a rule's type that the rule should match (drawn uniformly).</summary>
    private static readonly double[] RuleTargets = [0.001, 0.002, 0.004, 0.007, 0.012, 0.02, 0.03, 0.045, 0.065, 0.09];

    private static readonly (ConditionKind Kind, int Weight)[] Mix =
    [
        (ConditionKind.Equals, 20), (ConditionKind.NotEquals, 10),
        (ConditionKind.GreaterThan, 9), (ConditionKind.LessThan, 8), (ConditionKind.Between, 8),
        (ConditionKind.InList, 15), (ConditionKind.Contains, 15), (ConditionKind.Regex, 5), (ConditionKind.Group, 10),
    ];

    private static readonly string[] DecoySuffixes = ["old", "beta", "legacy", "alt", "tmp", "x"];

    private readonly SplitMix64 _rng;
    private readonly IReadOnlyDictionary<string, FlatEvent[]> _sample;
    private readonly ReferenceEvaluator _evaluator = new([]);

    /// <summary>Creates a generator drawing from <paramref name="rng"/> and tuning against <paramref name="sample"/>
    /// (events with every field present, by type).</summary>
    public RuleGenerator(SplitMix64 rng, IReadOnlyDictionary<string, FlatEvent[]> sample)
    {
        _rng = rng;
        _sample = sample;
    }

    /// <summary>Draws rule number <paramref name="index"/> (id <c>r</c> and 4 digits).</summary>
    public CanonicalRule Next(int index)
    {
        var type = _rng.Pick(EventSchema.Types.Values);
        var count = _rng.Between(1, 5);
        var target = _rng.Pick(RuleTargets);

        // A lone ne holds for most events (1 minus one value's share), so it is never a rule's only condition.
        // Loose kinds first (a stable sort), so the tighter ones can make up for them; the final order is shuffled.
        var kinds = Enumerable.Range(0, count).Select(_ => DrawKind(allowGroup: true, allowNotEquals: count > 1))
            .ToList().OrderBy(k => k == ConditionKind.NotEquals ? 0 : 1).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal) { "type" };
        var sample = _sample[type];
        var survivors = sample;
        var drawn = new List<CanonicalCondition>(count);
        for (var i = 0; i < count; i++)
        {
            // Each condition aims at an equal share of what is left of the target, measured on the sample events
            // that the conditions so far let through (so correlations between fields are taken into account).
            var rate = (double)survivors.Length / sample.Length;
            var share = Root(Math.Min(1, target / rate), count - i);
            var basis = survivors.Length >= MinSurvivors ? survivors : sample;
            var condition = kinds[i] == ConditionKind.Group
                ? Group(basis, share, 1, used)
                : Leaf(kinds[i], basis, share, topLevel: true, used);
            for (var retry = 0; condition is null && retry < Retries; retry++)
            {
                condition = Leaf(DrawKind(allowGroup: false, allowNotEquals: count > 1), basis, share, topLevel: true, used);
            }

            if (condition is null)
            {
                continue;
            }

            drawn.Add(condition);
            survivors = survivors.Where(e => _evaluator.Holds(condition, e)).ToArray();
        }

        _rng.Shuffle(drawn);
        var conditions = new List<CanonicalCondition>(count + 1) { CanonicalCondition.String(CanonicalOp.Eq, "type", type) };
        conditions.AddRange(drawn);
        return new CanonicalRule(string.Create(CultureInfo.InvariantCulture, $"r{index:D4}"), conditions);
    }

    /// <summary>The <paramref name="n"/>-th root of <paramref name="x"/> in [0, 1], by bisection (exact IEEE
    /// arithmetic only, so the result is the same on every platform).</summary>
    internal static double Root(double x, int n)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            var power = 1.0;
            for (var j = 0; j < n; j++)
            {
                power *= mid;
            }

            if (power < x)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Whether a field may carry a condition of <paramref name="kind"/> at that place.</summary>
    internal static bool Allowed(FieldSpec field, ConditionKind kind, bool topLevel)
    {
        // Optional fields only as top-level positive leaves; nested leaves on paths 2-4 deep.
        if (!topLevel && (field.Optional || field.Depth < 2))
        {
            return false;
        }

        return kind switch
        {
            ConditionKind.Equals or ConditionKind.InList => field.Kind == FieldKind.Categorical,
            ConditionKind.NotEquals => field.Kind == FieldKind.Categorical && !field.Optional,
            ConditionKind.GreaterThan or ConditionKind.LessThan or ConditionKind.Between => field.Kind == FieldKind.Number,
            ConditionKind.Contains or ConditionKind.Regex => field.Kind is FieldKind.Categorical or FieldKind.Text,
            _ => false,
        };
    }

    private ConditionKind DrawKind(bool allowGroup, bool allowNotEquals = true)
    {
        var mix = Mix.Where(m => (allowGroup || m.Kind != ConditionKind.Group) && (allowNotEquals || m.Kind != ConditionKind.NotEquals)).ToArray();
        var roll = _rng.Next(mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in mix)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>An all/any group of 2-3 children, or null (or a lone child) when the rule has run out of fields.</summary>
    private CanonicalCondition? Group(FlatEvent[] basis, double share, int depth, HashSet<string> used)
    {
        var op = _rng.Chance(0.5) ? CanonicalOp.All : CanonicalOp.Any;
        var count = _rng.Between(2, 3);
        var childShare = op == CanonicalOp.All ? Root(share, count) : 1 - Root(1 - share, count);
        var children = new List<CanonicalCondition>(count);
        for (var i = 0; i < count; i++)
        {
            var child = depth < CanonicalReader.MaxGroupDepth && _rng.Chance(NestedGroupChance)
                ? Group(basis, childShare, depth + 1, used)
                : null;
            for (var retry = 0; child is null && retry < Retries; retry++)
            {
                child = Leaf(DrawKind(allowGroup: false), basis, childShare, topLevel: false, used);
            }

            if (child is not null)
            {
                children.Add(child);
            }
        }

        return children.Count switch
        {
            0 => null,
            1 => children[0],
            _ => CanonicalCondition.Group(op, children),
        };
    }

    /// <summary>The best of a few candidate leaves of <paramref name="kind"/> on fields the rule does not use yet, or
    /// null when there is no such field (reusing one could contradict, as in <c>x &gt; 70</c> and <c>x &lt; 64</c>).</summary>
    private CanonicalCondition? Leaf(ConditionKind kind, FlatEvent[] basis, double share, bool topLevel, HashSet<string> used)
    {
        var allowed = EventSchema.Fields.Where(f => Allowed(f, kind, topLevel)).ToList();
        if (kind is ConditionKind.Contains or ConditionKind.Regex)
        {
            // Mostly on the message text, otherwise on a categorical field.
            var text = _rng.Chance(TextShare) && !used.Contains("message.text");
            allowed = allowed.Where(f => (f.Kind == FieldKind.Text) == text).ToList();
        }

        var fields = allowed.Where(f => !used.Contains(f.Path)).ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        CanonicalCondition? best = null;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < Candidates; i++)
        {
            var candidate = Make(kind, _rng.Pick(fields), basis);
            var distance = Distance(Estimate(candidate, basis), share);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        used.Add(best!.Path!);
        return best;
    }

    private CanonicalCondition Make(ConditionKind kind, FieldSpec field, FlatEvent[] basis)
    {
        switch (kind)
        {
            case ConditionKind.Equals:
                return CanonicalCondition.String(CanonicalOp.Eq, field.Path, _rng.Pick(field.Pool));
            case ConditionKind.NotEquals:
                return CanonicalCondition.String(CanonicalOp.Ne, field.Path, _rng.Pick(field.Pool));
            case ConditionKind.GreaterThan:
                return CanonicalCondition.Compare(CanonicalOp.Gt, field.Path, SampleNumber(basis, field.Path));
            case ConditionKind.LessThan:
                return CanonicalCondition.Compare(CanonicalOp.Lt, field.Path, SampleNumber(basis, field.Path));
            case ConditionKind.Between:
                var a = SampleNumber(basis, field.Path);
                var b = SampleNumber(basis, field.Path);
                return CanonicalCondition.Range(field.Path, Math.Min(a, b), a == b ? a + _rng.Between(1, 10) : Math.Max(a, b));
            case ConditionKind.InList:
                return CanonicalCondition.InList(field.Path, ListValues(field.Pool));
            case ConditionKind.Contains:
                return CanonicalCondition.String(CanonicalOp.Contains, field.Path,
                    field.Kind == FieldKind.Text ? _rng.Pick(EventSchema.Words.Values) : Fragment(_rng.Pick(field.Pool)));
            default:
                return CanonicalCondition.Match(field.Path, field.Kind == FieldKind.Text ? TextPattern() : CategoricalPattern(field.Pool));
        }
    }

    private double SampleNumber(FlatEvent[] basis, string path) =>
        basis[_rng.Next(basis.Length)].TryGetNumber(path, out var value)
            ? value
            : throw new InvalidOperationException($"sample event lacks number {path}");

    /// <summary>5-20 values: 1 or more real values of the pool (never all of it) and made-up decoys.</summary>
    private List<string> ListValues(IReadOnlyList<string> pool)
    {
        var total = _rng.Between(5, 20);
        var real = _rng.Between(1, Math.Min(total, pool.Count - 1));
        var values = pool.ToList();
        _rng.Shuffle(values);
        values.RemoveRange(real, values.Count - real);
        while (values.Count < total)
        {
            var decoy = $"{_rng.Pick(pool)}-{_rng.Pick(DecoySuffixes)}";
            if (!pool.Contains(decoy, StringComparer.Ordinal) && !values.Contains(decoy, StringComparer.Ordinal))
            {
                values.Add(decoy);
            }
        }

        _rng.Shuffle(values);
        return values;
    }

    /// <summary>A substring of 2-5 characters of <paramref name="value"/> that is itself a safe string.</summary>
    private string Fragment(string value)
    {
        for (var attempt = 0; attempt < 20 && value.Length > 2; attempt++)
        {
            var length = _rng.Between(2, Math.Min(5, value.Length - 1));
            var fragment = value.Substring(_rng.Next(value.Length - length + 1), length);
            if (StringRules.IsSafe(fragment))
            {
                return fragment;
            }
        }

        return value;
    }

    private string TextPattern()
    {
        var words = EventSchema.Words.Values;
        var w1 = _rng.Pick(words);
        var w2 = _rng.Pick(words.Where(w => w != w1).ToArray());
        var w3 = _rng.Pick(words.Where(w => w != w1 && w != w2).ToArray());
        return _rng.Next(7) switch
        {
            0 => $@"\b{w1}\b",
            1 => $@"^({w1}|{w2})\b",
            2 => $@"\b({w1}|{w2}|{w3})\b",
            3 => $@"\b{w1}\b.*\b{w2}\b",
            4 => $@"\b{w1[..Math.Min(3, w1.Length)]}[a-z0-9]{{0,6}}\b",
            5 => @"\b[a-z]+\d\b",
            _ => @"[?!]$",
        };
    }

    private string CategoricalPattern(IReadOnlyList<string> pool)
    {
        var value = _rng.Pick(pool);
        switch (_rng.Next(4))
        {
            case 0:
                var others = pool.Where(v => v != value).ToArray();
                var second = _rng.Pick(others);
                return _rng.Chance(0.5) || others.Length < 2
                    ? $"^({value}|{second})$"
                    : $"^({value}|{second}|{_rng.Pick(others.Where(v => v != second).ToArray())})$";
            case 1:
                return "^" + value[..Math.Min(value.Length, _rng.Between(2, 4))];
            case 2:
                return value[^Math.Min(value.Length, _rng.Between(2, 3))..] + "$";
            default:
                return ClassPattern(value);
        }
    }

    /// <summary>Turns a value into a character-class pattern: <c>coder-3</c> becomes <c>^[a-z]{3,7}-\d$</c>.</summary>
    private static string ClassPattern(string value)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < value.Length;)
        {
            var c = value[i];
            var run = 1;
            Func<char, bool> same = char.IsAsciiLetterLower(c) ? char.IsAsciiLetterLower
                : char.IsAsciiLetterUpper(c) ? char.IsAsciiLetterUpper
                : char.IsAsciiDigit(c) ? char.IsAsciiDigit
                : ch => ch == c;
            while (i + run < value.Length && same(value[i + run]))
            {
                run++;
            }

            if (char.IsAsciiDigit(c))
            {
                pattern.Append(run == 1 ? @"\d" : string.Create(CultureInfo.InvariantCulture, $@"\d{{{run}}}"));
            }
            else if (char.IsAsciiLetter(c))
            {
                pattern.Append(char.IsAsciiLetterLower(c) ? "[a-z]" : "[A-Z]")
                    .Append(CultureInfo.InvariantCulture, $"{{{Math.Max(1, run - 2)},{run + 2}}}");
            }
            else
            {
                pattern.Append(c, run);
            }

            i += run;
        }

        return pattern.Append('$').ToString();
    }

    private double Estimate(CanonicalCondition condition, FlatEvent[] basis)
    {
        var hits = basis.Count(e => _evaluator.Holds(condition, e));
        return Math.Max(hits, 0.5) / basis.Length;
    }

    private static double Distance(double estimate, double target) =>
        estimate > target ? estimate / target : target / estimate;
}
