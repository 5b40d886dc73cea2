using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Tests.Policies.Engine;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

/// <summary>
/// The per-evaluation path cache (each path resolved once per event, JSON objects read in one pass) and the
/// index's skipped key equality give the same answers as resolving every path afresh, however the shapes of
/// successive events vary, on one thread or many.
/// </summary>
public sealed class PathCacheTests
{
    // Paths chosen so that the top level and "user" have enough children to be read in one pass, and
    // "message.meta.source" is reached through three levels.
    private static readonly string[] s_paths =
    [
        "type", "tier", "n", "score", "tags.0", "tags.1", "user.id", "user.tier", "user.age", "user.locale", "user.flags.0",
        "message.text", "message.meta.lang", "message.meta.source.app", "message.meta.source.kind", "0", "odd",
    ];

    private static readonly string[] s_strings = ["a", "b", "gold", "free", "x y", "ab", "", "café", "😀", "1", "2.5", "planner-5", "a\"b", "a\\b"];
    private static readonly string[] s_types = ["login", "error", "purchase", "other"];
    private static readonly PolicyRule[] s_rules = Rules();
    private static readonly PolicyEngine s_engine = new(Set(s_rules), TestEngines.Options());
    private static readonly CompiledPolicySet s_uncached = Compile(s_rules);
    private static readonly CompiledPolicySet s_onePass = Compile(s_rules);
    private static readonly CompiledPolicySet s_memberByMember = Compile(s_rules);

    // A second engine over other paths, evaluated between events of the first: same thread, other path table.
    private static readonly PolicyEngine s_other = new(Set(Rule("o1", Eq("zz", "a")), Rule("o2", Eq("user.zz", "b")), Rule("o3", Exists("user"))), TestEngines.Options());

    [Property(MaxTest = 100)]
    public bool Match_EventsOfVaryingShapes_SameAsResolvingEveryPathAfresh(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 25; i++)
        {
            var json = RandomEvent(random);
            var context = new PolicyContext(TestContexts.Json(json));

            var expected = Expected(s_uncached, context);
            var actual = Matched(s_engine, context);
            Matched(s_other, context);
            var onePass = MatchedReading(s_onePass, context, onePass: true);
            var memberByMember = MatchedReading(s_memberByMember, context, onePass: false);

            Assert.True(expected.SequenceEqual(actual), $"seed {seed}, event {i}: {json}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", actual)}");
            Assert.True(expected.SequenceEqual(onePass), $"seed {seed}, event {i}, objects read in one pass: {json}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", onePass)}");
            Assert.True(expected.SequenceEqual(memberByMember), $"seed {seed}, event {i}, objects read member by member: {json}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", memberByMember)}");
        }

        return true;
    }

    [Fact]
    public void Match_ManyThreadsOnOneEngine_EachGetsTheAnswersOfItsOwnEvents()
    {
        var random = new Random(20240712);
        var events = Enumerable.Range(0, 200).Select(_ => new PolicyContext(TestContexts.Json(RandomEvent(random)))).ToArray();
        var expected = events.Select(e => Expected(s_uncached, e)).ToArray();
        var failures = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < events.Length; i++)
                {
                    // Each worker walks the events in its own order, so the threads' events differ at any moment.
                    var k = (i * (worker + 1) + round) % events.Length;
                    if (!expected[k].SequenceEqual(Matched(s_engine, events[k])))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        });

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("""{"type": "login", "a": 1, "b": 2, "c": 3, "tier": "free", "tier": "gold"}""", "gold")]
    [InlineData("""{"type": "login", "tier": "gold", "a": 1, "b": 2, "tier": "free"}""", "free")]
    [InlineData("""{"type": "login", "a": 1, "b": 2, "c": 3, "\u0074ier": "gold"}""", "gold")]
    [InlineData("""{"type": "login", "a": 1, "ti\u0065r": "free", "tier": "gold"}""", "gold")]
    [InlineData("""{"type": "login", "a": 1, "tier": "free", "t\u0069er": "gold"}""", "gold")]
    public void Resolve_DuplicateOrEscapedNames_SameValueAsTryGetProperty(string json, string expected)
    {
        var element = TestContexts.Json(json);
        Assert.True(element.TryGetProperty("tier", out var direct));
        Assert.Equal(expected, direct.GetString());

        var set = Compile(Rule("r", Eq("type", "login"), Eq("a", 1), Eq("b", 2), Eq("c", 3), Eq("tier", expected)), Rule("s", Eq("type", "x")));
        var tier = set.Ordered[0].Conditions.OfType<FieldCondition>().Single(c => c.Field.Text == "tier").Field;
        foreach (var onePass in new[] { true, false })
        {
            set.Paths.Roots!.OnePass = onePass;
            var cache = PathCache.Rent(new PolicyContext(element), set.Paths);
            try
            {
                Assert.Equal(expected, cache.Resolve(tier).GetString());
            }
            finally
            {
                cache.Return();
            }
        }
    }

    [Fact]
    public void Rent_NestedRentOnTheSameThread_GetsItsOwnCache()
    {
        var set = Compile(Rule("r", Eq("type", "a"), Eq("tier", "b"), Eq("n", 1), Eq("odd", 2)), Rule("s", Eq("type", "c")));
        var tier = set.Ordered[0].Conditions.OfType<FieldCondition>().Single(c => c.Field.Text == "tier").Field;
        var outer = PathCache.Rent(new PolicyContext(TestContexts.Json("""{"tier": "outer"}""")), set.Paths);
        try
        {
            Assert.Equal("outer", outer.Resolve(tier).GetString());
            var inner = PathCache.Rent(new PolicyContext(TestContexts.Json("""{"tier": "inner"}""")), set.Paths);
            try
            {
                Assert.NotSame(outer, inner);
                Assert.Equal("inner", inner.Resolve(tier).GetString());
            }
            finally
            {
                inner.Return();
            }

            Assert.Equal("outer", outer.Resolve(tier).GetString());
        }
        finally
        {
            outer.Return();
        }

        // The next evaluation reuses a returned cache, and sees none of the previous context's values.
        var next = PathCache.Rent(new PolicyContext(TestContexts.Json("""{"n": 1}""")), set.Paths);
        try
        {
            Assert.Equal(ValueKind.Missing, next.Resolve(tier).Kind);
        }
        finally
        {
            next.Return();
        }
    }

    [Fact]
    public void Resolve_PathOfAnotherTable_ResolvedAfresh()
    {
        var small = Compile(Rule("r", Eq("tier", "b")));
        var large = Compile(Rule("r", Eq("a", 1), Eq("b", 1), Eq("c", 1), Eq("d", 1), Eq("user.tier", "gold")));
        var foreign = large.Ordered[0].Conditions.OfType<FieldCondition>().Single(c => c.Field.Text == "user.tier").Field;
        var cache = PathCache.Rent(new PolicyContext(TestContexts.Json("""{"user": {"tier": "gold"}}""")), small.Paths);
        try
        {
            Assert.True(foreign.Id >= small.Paths.Count);
            Assert.Equal("gold", cache.Resolve(foreign).GetString());
        }
        finally
        {
            cache.Return();
        }
    }

    [Fact]
    public void Match_ContextWithOverlay_OverlayWinsAtTheTopLevel()
    {
        var engine = new PolicyEngine(Set(Rule("r", Eq("type", "login"), Eq("tier", "gold"), Eq("user.tier", "gold"), Exists("n"), Exists("odd")), Rule("s", Eq("type", "x"))), TestEngines.Options());
        var context = new PolicyContext(TestContexts.Json("""{"type": "login", "tier": "free", "user": {"tier": "free"}, "n": 1, "odd": 2}"""))
            .With(new Dictionary<string, object?> { ["tier"] = "gold", ["user"] = new Dictionary<string, object?> { ["tier"] = "gold" } });

        Assert.Equal(["r"], Matched(engine, context));
    }

    [Theory]
    [InlineData("""{"event_type": "login", "tier": "gold", "n": 1}""", "key_not_first,key_first")]
    [InlineData("""{"event_type": "login", "tier": "free", "n": 1}""", "")]
    [InlineData("""{"event_type": "logout", "tier": "gold", "n": 1}""", "other_key")]
    public void Match_IndexedRuleReachedThroughItsBucket_SameAsTestingEveryCondition(string json, string expected)
    {
        var rules = new[]
        {
            Rule("key_not_first", Eq("tier", "gold"), Chance(0.9), Eq("event_type", "login"), Gt("n", 0)) with { Priority = 2 },
            Rule("key_first", Eq("event_type", "login"), Eq("tier", "gold")),
            Rule("other_key", Eq("event_type", "logout"), Exists("n")),
        };
        var engine = new PolicyEngine(Set(rules), TestEngines.Options());
        var context = new PolicyContext(TestContexts.Json(json));

        Assert.Equal(expected, string.Join(",", Matched(engine, context)));
        Assert.Equal(expected, string.Join(",", Expected(Compile(rules), context)));
        Assert.Equal(expected, string.Join(",", engine.ExecuteRules(context, new EvaluationOptions { DryRun = true }).FiredRules));
    }

    private static List<string> Matched(PolicyEngine engine, PolicyContext context)
    {
        var matched = new List<string>();
        engine.Match(context, matched);
        return matched;
    }

    [Fact]
    public void Observe_TwoMembersOfALargeObjectRead_ChoosesOnePass_OneRead_MemberByMember()
    {
        var children = Compile(Rule("r", Eq("a", 1), Eq("b", 1), Eq("c", 1), Eq("d", 1), Eq("e", 1))).Paths.Roots!;
        Assert.False(children.OnePass);

        for (var i = 0; i < 50; i++)
        {
            children.Observe(reads: 2, properties: 17);
        }

        Assert.True(children.OnePass);
        var modes = Enumerable.Range(0, FieldPathChildren.SampleEvery).Select(_ => children.Visit()).ToList();
        Assert.Equal(FieldPathChildren.SampleEvery - 1, modes.Count(m => m == NodeMode.OnePassPending));
        Assert.Equal(1, modes.Count(m => m == NodeMode.Measuring));

        for (var i = 0; i < 50; i++)
        {
            children.Observe(reads: 1, properties: 17);
        }

        Assert.False(children.OnePass);
        Assert.DoesNotContain(NodeMode.OnePassPending, Enumerable.Range(0, FieldPathChildren.SampleEvery).Select(_ => children.Visit()));
    }

    [Fact]
    public void Observe_SmallObject_StaysMemberByMember()
    {
        var children = Compile(Rule("r", Eq("a", 1), Eq("b", 1), Eq("c", 1), Eq("d", 1), Eq("e", 1))).Paths.Roots!;

        for (var i = 0; i < 50; i++)
        {
            children.Observe(reads: 5, properties: 6);
        }

        Assert.False(children.OnePass);
    }

    /// <summary>Match through the compiled set with every object read one way (apart from the measuring evaluations).</summary>
    private static List<string> MatchedReading(CompiledPolicySet set, PolicyContext context, bool onePass)
    {
        foreach (var lookup in set.Paths.Lookups)
        {
            lookup.OnePass = onePass;
        }

        var paths = PathCache.Rent(context, set.Paths);
        try
        {
            return [.. set.Candidates(context, paths, out var fromBucket).Where(r => r.Rule.Enabled && r.Matches(context, paths, fromBucket)).Select(r => r.Name)];
        }
        finally
        {
            paths.Return();
        }
    }

    /// <summary>Every enabled rule in order, each path resolved afresh, no index.</summary>
    private static List<string> Expected(CompiledPolicySet set, PolicyContext context) =>
        [.. set.Ordered.Where(r => r.Rule.Enabled && r.Evaluate(context, null, out _)).Select(r => r.Name)];

    private static CompiledPolicySet Compile(params PolicyRule[] rules) =>
        new PolicyCompiler(name => new RuleRuntime(name, TimeProvider.System, () => 0.5, new InMemoryPolicyStateStore(), new RuleCounters()), new List<ValidationIssue>()).Compile(Set(rules));

    private static PolicyRule[] Rules()
    {
        var rules = new List<PolicyRule>();
        var i = 0;
        string Name() => "r" + (i++).ToString("D3", CultureInfo.InvariantCulture);
        foreach (var type in s_types)
        {
            foreach (var path in s_paths)
            {
                rules.Add(Rule(Name(), Eq("type", type), Exists(path)));
                rules.Add(Rule(Name(), Eq("type", type), Eq(path, s_strings[i % s_strings.Length])));
                rules.Add(Rule(Name(), Eq("type", type), In(path, "a", "gold", "café", 1, "😀", "a\"b")));
                rules.Add(Rule(Name(), Eq("type", type), Has(path, i % 2 == 0 ? "a" : "é")));
                rules.Add(Rule(Name(), Eq("type", type), Gt(path, 1)));
            }

            rules.Add(Rule(Name(), Eq("type", type), Or(Eq("user.tier", "gold"), And(Exists("message.meta.source.app"), NotExists("user.id"))), Regex("message.text", "^a")));
            rules.Add(Rule(Name(), Ne("tier", "gold"), Eq("type", type), NotIn("user.locale", "a", "b")));
        }

        rules.Add(Rule(Name(), Exists("user.tier"), Eq("n", 1)));
        rules.Add(Rule(Name(), Eq("type", "login")) with { Enabled = false });
        return [.. rules];
    }

    /// <summary>An event with a random subset of the fields, each of a random kind; sometimes duplicate or escaped names.</summary>
    private static string RandomEvent(Random random)
    {
        var fields = new List<string>();
        if (random.Next(6) != 0)
        {
            fields.Add(Member("type", random.Next(5) == 0 ? Scalar(random) : Quote(s_types[random.Next(s_types.Length)]), random));
        }

        foreach (var name in new[] { "tier", "n", "score", "0", "odd", "extra" })
        {
            if (random.Next(2) == 0)
            {
                fields.Add(Member(name, Scalar(random), random));
            }
        }

        if (random.Next(3) != 0)
        {
            fields.Add(Member("tags", random.Next(4) == 0 ? Scalar(random) : "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => Scalar(random))) + "]", random));
        }

        if (random.Next(4) != 0)
        {
            fields.Add(Member("user", random.Next(5) == 0 ? Scalar(random) : Object(random, ["id", "tier", "age", "locale", "extra", "flags"]), random));
        }

        if (random.Next(4) != 0)
        {
            var source = random.Next(4) == 0 ? Scalar(random) : Object(random, ["app", "kind"]);
            var meta = random.Next(5) == 0 ? Scalar(random) : "{" + string.Join(",", new[] { Member("lang", Scalar(random), random), Member("source", source, random) }.Where(_ => random.Next(4) != 0)) + "}";
            fields.Add(Member("message", "{" + Member("text", Scalar(random), random) + "," + Member("meta", meta, random) + "}", random));
        }

        // A duplicate of an earlier field, with another value: the last one wins, as with TryGetProperty.
        if (fields.Count > 0 && random.Next(6) == 0)
        {
            var name = fields[random.Next(fields.Count)].Split(':')[0];
            fields.Add(name + ":" + Scalar(random));
        }

        return "{" + string.Join(",", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static string Object(Random random, string[] names) =>
        "{" + string.Join(",", names.Where(_ => random.Next(3) != 0).Select(n => Member(n, n == "flags" ? "[" + Scalar(random) + "]" : Scalar(random), random))) + "}";

    private static string Member(string name, string value, Random random) =>
        (random.Next(10) == 0 ? EscapedQuote(name) : Quote(name)) + ":" + value;

    private static string Scalar(Random random) => random.Next(10) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 or 3 => random.Next(-1, 4).ToString(CultureInfo.InvariantCulture),
        4 => "2.5",
        5 => EscapedQuote(s_strings[random.Next(s_strings.Length)]),
        _ => Quote(s_strings[random.Next(s_strings.Length)]),
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>Every character as a \uXXXX escape: the same text, spelled so that its raw bytes differ.</summary>
    private static string EscapedQuote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return builder.Append('"').ToString();
    }
}
