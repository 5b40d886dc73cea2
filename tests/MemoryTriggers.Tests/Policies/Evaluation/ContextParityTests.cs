using System.Globalization;
using System.Text.Json;
using FsCheck.Xunit;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

/// <summary>
/// A context as a JsonElement and the same data as plain CLR objects (in several shapes) give the
/// same result, and the same explanation, for every condition type, on random contexts.
/// </summary>
public sealed class ContextParityTests
{
    private static readonly string[] s_fields = ["f", "user.id", "items.0", "items.1.f", "n", "event_type", "nested.list.0.f"];
    private static readonly object?[] s_operands = [null, true, false, 0, 1, 1.5, "1", "a", "A", "", List(1L, "a"), Map(("f", 1L))];
    private static readonly string[] s_strings = ["a", "A", "1", "1.0", "1.5", "abc", "", "true", "x y", "ä", "a\"b", "0"];
    private static readonly double[] s_numbers = [0, 1, -1, 1.5, 2, 1000, 0.25];
    private static readonly string[] s_keys = ["f", "g", "id", "0", "list", "a"];
    private static readonly PolicyCondition[] s_catalog = Catalog();
    private static readonly PolicyEngine s_engine = new(
        new PolicySet { Rules = s_catalog.Select((c, i) => Rule("c" + i.ToString(CultureInfo.InvariantCulture), c)).ToArray() },
        TestEngines.Options(time: new FakeTimeProvider(TestEngines.Start), random: () => 0.3));

    [Fact]
    public void Catalog_CoversEveryConditionType() =>
        Assert.Equal(Enum.GetValues<PolicyConditionType>().Order(), s_catalog.SelectMany(Flatten).Select(c => c.Type).Distinct().Order());

    [Fact]
    public void Catalog_CompilesWithoutIssues() =>
        Assert.Empty(s_engine.CompilationIssues);

    [Property(MaxTest = 200)]
    public bool Match_RandomContext_SameForJsonAndEveryDictionaryShape(int seed)
    {
        var json = TestContexts.Json(JsonSerializer.Serialize(RandomContext(new Random(seed))));
        var expected = Matched(json);

        foreach (var shape in Shapes(json))
        {
            var actual = Matched(shape);
            Assert.True(expected.SequenceEqual(actual), $"seed {seed}: {json}\njson: {string.Join(",", expected)}\nclr:  {string.Join(",", actual)}");
        }

        return true;
    }

    [Property(MaxTest = 50)]
    public bool Explain_RandomContext_SameTracesForJsonAndDictionary(int seed)
    {
        var json = TestContexts.Json(JsonSerializer.Serialize(RandomContext(new Random(seed))));
        var options = new EvaluationOptions { Explain = true, DryRun = true, IncludeUnmatched = true };
        var expected = s_engine.ExecuteRules(json, options).Results;

        foreach (var shape in Shapes(json))
        {
            var actual = s_engine.ExecuteRules(shape, options).Results;
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].Matched == actual[i].Matched, $"seed {seed}, rule {expected[i].Rule}: {json}");
                Assert.Equal(expected[i].Conditions!, actual[i].Conditions!);
            }
        }

        return true;
    }

    private static List<string> Matched(PolicyContext context)
    {
        var matched = new List<string>();
        s_engine.Match(context, matched);
        return matched;
    }

    /// <summary>The JSON as long/double + Dictionary + List; as int/decimal + ValueMap + arrays; and as a dictionary of JsonElements.</summary>
    private static IEnumerable<PolicyContext> Shapes(JsonElement json)
    {
        yield return TestContexts.Dict(json.GetRawText());
        yield return new PolicyContext((IReadOnlyDictionary<string, object?>)Alternative(json)!);
        yield return json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }

    private static object? Alternative(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ValueMap<object?>.From(element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, Alternative(p.Value)))),
        JsonValueKind.Array => element.EnumerateArray().Select(Alternative).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt32(out var i) ? i : element.TryGetDecimal(out var m) && (double)m == element.GetDouble() ? m : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Dictionary<string, object?> RandomContext(Random random)
    {
        var context = new Dictionary<string, object?>();
        foreach (var field in new[] { "f", "n", "event_type" })
        {
            if (random.Next(4) != 0)
            {
                context[field] = RandomValue(random, 2);
            }
        }

        if (random.Next(3) != 0)
        {
            context["user"] = random.Next(5) == 0 ? RandomValue(random, 0) : new Dictionary<string, object?> { ["id"] = RandomValue(random, 1) };
        }

        if (random.Next(3) != 0)
        {
            context["items"] = Enumerable.Range(0, random.Next(3)).Select(_ => RandomValue(random, 2)).ToList();
        }

        if (random.Next(3) != 0)
        {
            context["nested"] = new Dictionary<string, object?> { ["list"] = new List<object?> { RandomValue(random, 1) } };
        }

        return context;
    }

    private static object? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 9 : 7) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 or 3 => s_numbers[random.Next(s_numbers.Length)],
        4 or 5 or 6 => s_strings[random.Next(s_strings.Length)],
        7 => Enumerable.Range(0, random.Next(3)).Select(_ => RandomValue(random, depth - 1)).ToList(),
        _ => Enumerable.Range(0, random.Next(3)).Select(_ => s_keys[random.Next(s_keys.Length)]).Distinct().ToDictionary(k => k, _ => RandomValue(random, depth - 1)),
    };

    private static PolicyCondition[] Catalog()
    {
        var conditions = new List<PolicyCondition> { Always(), Never() };
        foreach (var field in s_fields)
        {
            conditions.AddRange(s_operands.Select(v => Eq(field, v)));
            conditions.AddRange(s_operands.Select(v => Ne(field, v)));
            conditions.AddRange(s_operands.Select(v => Has(field, v)));
            conditions.AddRange(s_operands.Select(v => HasNot(field, v)));
            conditions.AddRange(
            [
                Gt(field, 0), Gt(field, "1"), Lt(field, 1.5), Lt(field, 0), Between(field, -1, 1), Between(field, 1.5, 1000),
                In(field, "a", 1, true, null), In(field, 1.5, "abc"), NotIn(field, "a", 0), NotIn(field, new object?[] { null }),
                Exists(field), NotExists(field), Regex(field, "^a"), Regex(field, @"\d"), Regex(field, "(.)\\1"),
                Rate(3, 60, field), Chance(0.5, field), Not(Eq(field, "a")), Not(Exists(field)),
            ]);
        }

        conditions.AddRange(
        [
            Time("09:00", "17:00"), Time("22:00", "06:00", "Europe/Berlin", "weekdays"), Rate(1, 10), Chance(0.2), Chance(0.8),
            And(Exists("f"), Or(Eq("n", 1), Has("items", "a"))), Or(Eq("event_type", "a"), Not(And(Gt("n", 0), Lt("n", 2)))),
        ]);
        return [.. conditions];
    }

    private static IEnumerable<PolicyCondition> Flatten(PolicyCondition condition) =>
        condition.SubConditions.SelectMany(Flatten).Prepend(condition);
}
