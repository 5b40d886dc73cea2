using System.Globalization;
using System.Text.RegularExpressions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>A value at a field path that makes one condition true.</summary>
internal readonly record struct Assignment(FieldSpec Field, object Value);

/// <summary>A generated rule with the field values that make all its conditions true (its witness).</summary>
internal sealed record GeneratedRule(PolicyRule Rule, string EventType, IReadOnlyList<Assignment> Witness, int Leaves, int Composites, int MaxDepth);

/// <summary>
/// Builds rule sets and events deterministically from <see cref="Seed"/>. Rules come from one stream, so
/// the 30-rule set is the first 30 rules of the 300-rule set, which is the first 300 of the 3,000-rule
/// set. Each rule is <c>equals event_type</c> (one of 5 types) plus leaf conditions drawn from a mix, 3–6
/// leaves in all; some leaves are grouped in composite_and / composite_or nodes nested up to depth 3.
/// </summary>
internal static class RuleSetGenerator
{
    /// <summary>The seed of the rule stream; events use <c>Seed + 1</c>.</summary>
    public const int Seed = 20_240_611;

    /// <summary>The share of events that are built to match one to three rules.</summary>
    public const double PlantRate = 0.15;

    private static readonly Lazy<GeneratedRule[]> s_stream = new(() => Generate(3000));

    /// <summary>Gets the first <paramref name="count"/> rules of the stream.</summary>
    public static IReadOnlyList<GeneratedRule> Rules(int count) =>
        count <= s_stream.Value.Length ? s_stream.Value[..count] : Generate(count);

    public static PolicySet ToPolicySet(IReadOnlyList<GeneratedRule> rules) =>
        new() { Rules = ValueList<PolicyRule>.From(rules.Select(r => r.Rule)) };

    /// <summary>
    /// Builds <paramref name="count"/> events of 6–15 top-level fields (with a nested <c>message</c>). A share of
    /// <see cref="PlantRate"/> take the witnesses of one to three rules of <paramref name="rules"/> with the same
    /// event type; the rest are random and, the conditions being selective, mostly match nothing.
    /// </summary>
    public static Dictionary<string, object?>[] Events(IReadOnlyList<GeneratedRule> rules, int count)
    {
        var rng = new Random(Seed + 1);
        var events = new Dictionary<string, object?>[count];
        for (var i = 0; i < count; i++)
        {
            var e = BaseEvent(rng);
            if (rng.NextDouble() < PlantRate)
            {
                Plant(rng, e, rules);
            }

            events[i] = e;
        }

        return events;
    }

    private static GeneratedRule[] Generate(int count)
    {
        var rng = new Random(Seed);
        var rules = new GeneratedRule[count];
        for (var i = 0; i < count; i++)
        {
            rules[i] = NewRule(rng, i);
        }

        return rules;
    }

    private static GeneratedRule NewRule(Random rng, int index)
    {
        var name = "rule_" + index.ToString("D4", CultureInfo.InvariantCulture);
        var eventType = Pick(rng, FieldCatalog.EventTypes);
        var leaves = rng.Next(3, 7);
        var fields = Shuffle(rng, FieldCatalog.ConditionFields).Take(leaves - 1).ToQueue();
        var stats = new Stats { Leaves = 1, Depth = 1 };
        var witness = new List<Assignment>();
        var conditions = new List<PolicyCondition>
        {
            new() { Type = PolicyConditionType.Equals, Field = "event_type", Value = eventType },
        };
        while (fields.Count > 0)
        {
            // The first condition after event_type is a plain leaf, so an OR group is never the only filter.
            if (conditions.Count > 1 && fields.Count >= 2 && rng.NextDouble() < 0.4)
            {
                var size = Math.Min(fields.Count, rng.Next(2, 5));
                conditions.Add(Composite(rng, fields, size, depth: 1, parent: null, witness, stats));
            }
            else
            {
                conditions.Add(Leaf(rng, fields.Dequeue(), witness, stats));
            }
        }

        var content = $"[{name}] ${{event_type}} from ${{user_id:-anonymous}} via ${{message.meta.source.channel:-unknown}}: ${{message.text}}";
        var rule = new PolicyRule
        {
            Name = name,
            Description = "generated benchmark rule",
            Priority = rng.Next(0, 10),
            Conditions = ValueList<PolicyCondition>.From(conditions),
            Actions = ValueList<PolicyAction>.From(
            [
                new PolicyAction
                {
                    Type = PolicyActionType.CreateMemory,
                    Priority = 1,
                    Parameters = ValueMap<object?>.From(
                    [
                        new("content", content),
                        new("tags", ValueList<object?>.From(["bench", eventType])),
                        new("category", "bench"),
                    ]),
                },
            ]),
        };
        return new GeneratedRule(rule, eventType, witness, stats.Leaves, stats.Composites, stats.Depth);
    }

    /// <summary>A composite of <paramref name="size"/> leaves; with 3 or more it may nest a composite of the other kind.</summary>
    private static PolicyCondition Composite(Random rng, Queue<FieldSpec> fields, int size, int depth, PolicyConditionType? parent, List<Assignment> witness, Stats stats)
    {
        stats.Composites++;
        var type = parent switch
        {
            PolicyConditionType.CompositeAnd => PolicyConditionType.CompositeOr,
            PolicyConditionType.CompositeOr => PolicyConditionType.CompositeAnd,
            _ => rng.Next(2) == 0 ? PolicyConditionType.CompositeAnd : PolicyConditionType.CompositeOr,
        };
        stats.Depth = Math.Max(stats.Depth, depth + 1);

        // For an OR, only one child (chosen here) contributes its witness.
        var children = new List<PolicyCondition>();
        var childWitnesses = new List<List<Assignment>>();
        var remaining = size;
        if (depth < 2 && size >= 3 && rng.NextDouble() < 0.5)
        {
            var nested = new List<Assignment>();
            children.Add(Composite(rng, fields, 2, depth + 1, type, nested, stats));
            childWitnesses.Add(nested);
            remaining -= 2;
        }

        for (var i = 0; i < remaining; i++)
        {
            var own = new List<Assignment>();
            children.Add(Leaf(rng, fields.Dequeue(), own, stats));
            childWitnesses.Add(own);
        }

        // Shuffle children and their witnesses together.
        var order = Shuffle(rng, Enumerable.Range(0, children.Count).ToArray());
        children = [.. order.Select(i => children[i])];
        childWitnesses = [.. order.Select(i => childWitnesses[i])];
        if (type == PolicyConditionType.CompositeAnd)
        {
            witness.AddRange(childWitnesses.SelectMany(w => w));
        }
        else
        {
            witness.AddRange(childWitnesses[rng.Next(childWitnesses.Count)]);
        }

        return new PolicyCondition { Type = type, SubConditions = ValueList<PolicyCondition>.From(children) };
    }

    private static PolicyCondition Leaf(Random rng, FieldSpec field, List<Assignment> witness, Stats stats)
    {
        stats.Leaves++;
        return field.Kind switch
        {
            FieldKind.Category => CategoryLeaf(rng, field, witness),
            FieldKind.Text => TextLeaf(rng, field, witness),
            _ => NumberLeaf(rng, field, witness),
        };
    }

    private static PolicyCondition CategoryLeaf(Random rng, FieldSpec field, List<Assignment> witness)
    {
        var vocabulary = field.Vocabulary;
        var roll = rng.Next(100);
        if (roll < 35 || (roll < 55 && vocabulary.Length < 100))
        {
            var value = Pick(rng, vocabulary);
            witness.Add(new(field, value));
            return new PolicyCondition { Type = PolicyConditionType.Equals, Field = field.Path, Value = value };
        }

        if (roll < 55)
        {
            var values = Shuffle(rng, vocabulary).Take(rng.Next(5, 21)).ToArray();
            witness.Add(new(field, Pick(rng, values)));
            return new PolicyCondition { Type = PolicyConditionType.InList, Field = field.Path, Values = ValueList<object?>.From(values) };
        }

        if (roll < 65)
        {
            var value = Pick(rng, vocabulary);
            witness.Add(new(field, vocabulary.First(v => v != value)));
            return new PolicyCondition { Type = PolicyConditionType.NotEquals, Field = field.Path, Value = value };
        }

        if (roll < 82)
        {
            // A suffix of at least 3 characters: "t-12" of "agent-12", "rch" of "web_search".
            var word = Pick(rng, vocabulary);
            var length = Math.Min(word.Length, rng.Next(3, word.Length + 1));
            witness.Add(new(field, word));
            return new PolicyCondition { Type = PolicyConditionType.Contains, Field = field.Path, Value = word[^length..] };
        }

        var choices = Shuffle(rng, vocabulary).Take(vocabulary.Length < 10 ? 1 : rng.Next(2, 4)).ToArray();
        witness.Add(new(field, Pick(rng, choices)));
        return new PolicyCondition
        {
            Type = PolicyConditionType.MatchesRegex,
            Field = field.Path,
            RegexPattern = "^(" + string.Join('|', choices.Select(Regex.Escape)) + ")$",
        };
    }

    private static PolicyCondition TextLeaf(Random rng, FieldSpec field, List<Assignment> witness)
    {
        var first = Pick(rng, FieldCatalog.Words);
        if (rng.Next(100) < 60)
        {
            witness.Add(new(field, Sentence(rng, first)));
            return new PolicyCondition { Type = PolicyConditionType.Contains, Field = field.Path, Value = first };
        }

        var second = Pick(rng, FieldCatalog.Words);
        if (rng.Next(2) == 0)
        {
            witness.Add(new(field, Sentence(rng, first + " " + second)));
            return new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = field.Path, RegexPattern = $@"\b{first}\b.*\b{second}\b" };
        }

        witness.Add(new(field, first + " " + Sentence(rng, null)));
        return new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = field.Path, RegexPattern = $@"^({first}|{second})\s" };
    }

    private static PolicyCondition NumberLeaf(Random rng, FieldSpec field, List<Assignment> witness)
    {
        var integer = field.Kind == FieldKind.Integer;
        double Round(double x) => integer ? Math.Round(x) : Math.Round(x, 2);
        object Boxed(double x) => integer ? (object)(long)x : x;

        // Integer fields hold int values in events, as a deserialized event would; real fields hold doubles.
        object NumberValue(double x) => integer ? (object)(int)x : x;
        var roll = rng.Next(100);
        if (roll < 35)
        {
            var threshold = Math.Min(field.Max - (integer ? 1 : 0.01), Round(field.Min + (field.Range * (0.75 + (0.22 * rng.NextDouble())))));
            var value = Math.Min(field.Max, Math.Max(Round(threshold + ((field.Max - threshold) * (0.1 + (0.8 * rng.NextDouble())))), threshold + (integer ? 1 : 0.01)));
            witness.Add(new(field, NumberValue(value)));
            return new PolicyCondition { Type = PolicyConditionType.GreaterThan, Field = field.Path, Value = Boxed(threshold) };
        }

        if (roll < 65)
        {
            var threshold = Math.Max(field.Min + (integer ? 1 : 0.01), Round(field.Min + (field.Range * (0.03 + (0.22 * rng.NextDouble())))));
            var value = Math.Max(field.Min, Math.Min(Round(field.Min + ((threshold - field.Min) * rng.NextDouble())), threshold - (integer ? 1 : 0.01)));
            witness.Add(new(field, NumberValue(value)));
            return new PolicyCondition { Type = PolicyConditionType.LessThan, Field = field.Path, Value = Boxed(threshold) };
        }

        var low = Round(field.Min + (field.Range * 0.9 * rng.NextDouble()));
        var high = Math.Min(field.Max, Round(low + (field.Range * (0.03 + (0.09 * rng.NextDouble())))));
        witness.Add(new(field, NumberValue(Round((low + high) / 2))));
        return new PolicyCondition { Type = PolicyConditionType.Between, Field = field.Path, MinValue = low, MaxValue = high };
    }

    private static Dictionary<string, object?> BaseEvent(Random rng)
    {
        var message = new Dictionary<string, object?>(StringComparer.Ordinal) { ["text"] = Sentence(rng, null) };
        if (rng.NextDouble() < 0.8)
        {
            message["role"] = Pick(rng, FieldCatalog.MessageRole.Vocabulary);
        }

        if (rng.NextDouble() < 0.75)
        {
            var meta = new Dictionary<string, object?>(StringComparer.Ordinal) { ["lang"] = Pick(rng, FieldCatalog.MessageLang.Vocabulary) };
            if (rng.NextDouble() < 0.5)
            {
                meta["source"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["channel"] = Pick(rng, FieldCatalog.MessageChannel.Vocabulary),
                    ["id"] = "src-" + rng.Next(1000).ToString(CultureInfo.InvariantCulture),
                };
            }

            message["meta"] = meta;
        }

        var e = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["event_type"] = Pick(rng, FieldCatalog.EventTypes),
            ["message"] = message,
        };
        foreach (var key in Shuffle(rng, FieldCatalog.OptionalTopLevel).Take(rng.Next(4, 14)))
        {
            if (key == "error")
            {
                e[key] = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["code"] = Pick(rng, FieldCatalog.ErrorCode.Vocabulary),
                    ["retryable"] = rng.Next(2) == 0,
                };
                continue;
            }

            var field = FieldCatalog.ByPath(key)!;
            e[key] = field.Kind switch
            {
                FieldKind.Category => Pick(rng, field.Vocabulary),
                FieldKind.Integer => rng.Next((int)field.Min, (int)field.Max + 1),
                FieldKind.Real => Math.Round(field.Min + (field.Range * rng.NextDouble()), 2),
                _ => Sentence(rng, null),
            };
        }

        return e;
    }

    private static void Plant(Random rng, Dictionary<string, object?> e, IReadOnlyList<GeneratedRule> rules)
    {
        var first = rules[rng.Next(rules.Count)];
        var sameType = rules.Where(r => r.EventType == first.EventType && r != first).ToArray();
        var targets = new List<GeneratedRule> { first };
        targets.AddRange(Shuffle(rng, sameType).Take(Math.Min(sameType.Length, rng.Next(0, 3))));
        e["event_type"] = first.EventType;
        var kept = new HashSet<string>(StringComparer.Ordinal) { "event_type", "message" };
        foreach (var assignment in targets.SelectMany(t => t.Witness))
        {
            Set(e, assignment.Field.Segments, assignment.Value);
            kept.Add(assignment.Field.Segments[0]);
        }

        // Stay within 15 top-level fields: drop random fields the witnesses do not need.
        var droppable = Shuffle(rng, e.Keys.Where(k => !kept.Contains(k)).ToArray());
        for (var i = 0; e.Count > 15 && i < droppable.Length; i++)
        {
            e.Remove(droppable[i]);
        }
    }

    private static void Set(Dictionary<string, object?> root, string[] segments, object value)
    {
        var current = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (current.GetValueOrDefault(segments[i]) is not Dictionary<string, object?> next)
            {
                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                current[segments[i]] = next;
            }

            current = next;
        }

        current[segments[^1]] = value;
    }

    /// <summary>5–10 words; <paramref name="include"/>, when given, goes in at a random position.</summary>
    private static string Sentence(Random rng, string? include)
    {
        var words = Enumerable.Range(0, rng.Next(5, 11)).Select(_ => Pick(rng, FieldCatalog.Words)).ToList();
        if (include is not null)
        {
            words.Insert(rng.Next(words.Count + 1), include);
        }

        return string.Join(' ', words);
    }

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

    private static T[] Shuffle<T>(Random rng, T[] items)
    {
        var copy = items.ToArray();
        rng.Shuffle(copy);
        return copy;
    }

    private static Queue<T> ToQueue<T>(this IEnumerable<T> items) => new(items);

    private sealed class Stats
    {
        public int Leaves { get; set; }

        public int Composites { get; set; }

        public int Depth { get; set; }
    }
}
