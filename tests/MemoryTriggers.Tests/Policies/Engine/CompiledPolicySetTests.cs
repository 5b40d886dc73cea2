using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>Rule order and the event-type index, which must only ever skip rules that cannot match.</summary>
public sealed class CompiledPolicySetTests
{
    private static readonly PolicyRule[] s_indexedRules =
    [
        Rule("login_a", Eq("event_type", "login")) with { Priority = 5 },
        Rule("always"),
        Rule("login_b", Eq("user.tier", "gold"), Eq("event_type", "login")),
        Rule("purchase", Eq("event_type", "purchase"), Gt("amount", 10)) with { Priority = 9 },
        Rule("or_rule", Eq("event_type", "purchase"), Eq("event_type", "login")) with { ConditionOperator = ConditionOperator.Or },
        Rule("negated", Not(Eq("event_type", "login"))),
        Rule("numeric", Eq("event_type", "42")),
        Rule("other_field_first", Eq("source", "web"), Eq("event_type", "login")),
        Rule("error", Eq("event_type", "error")),
    ];

    [Fact]
    public void Ordered_DescendingPriorityTiesInFileOrder()
    {
        var set = Compile(Rule("a") with { Priority = 1 }, Rule("b") with { Priority = 3 }, Rule("c") with { Priority = 1 }, Rule("d") with { Priority = 3 });

        Assert.Equal(["b", "d", "a", "c"], set.Ordered.Select(r => r.Name));
        Assert.Equal(["a", "b", "c", "d"], set.ByName.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Index_TwoOrMoreRulesWithAnEqualityOnTheSameField_IndexesByIt()
    {
        Assert.Equal("event_type", Compile(s_indexedRules).IndexField?.Text);
        Assert.Null(Compile(Rule("one", Eq("event_type", "a")), Rule("other", Eq("source", "b"))).IndexField);
        Assert.Null(Compile(Rule("a"), Rule("b")).IndexField);
    }

    [Fact]
    public void Candidates_KnownType_ItsBucketPlusUnindexedRulesInOrder()
    {
        var set = Compile(s_indexedRules);

        Assert.Equal(
            ["login_a", "always", "login_b", "or_rule", "negated", "numeric", "other_field_first"],
            set.Candidates(TestContexts.Json("""{"event_type": "login"}""")).Select(r => r.Name));
        Assert.Equal(
            ["purchase", "always", "login_b", "or_rule", "negated", "numeric", "other_field_first"],
            set.Candidates(TestContexts.Dict("""{"event_type": "purchase"}""")).Select(r => r.Name));
    }

    [Theory]
    [InlineData("""{"event_type": "unknown"}""")]
    [InlineData("""{"event_type": "LOGIN"}""")]
    [InlineData("""{"event_type": null}""")]
    [InlineData("""{}""")]
    public void Candidates_UnknownOrMissingType_OnlyUnindexedRules(string json)
    {
        var set = Compile(s_indexedRules);

        Assert.Equal(["always", "login_b", "or_rule", "negated", "numeric", "other_field_first"], set.Candidates(TestContexts.Json(json)).Select(r => r.Name));
        Assert.Equal(["always", "login_b", "or_rule", "negated", "numeric", "other_field_first"], set.Candidates(TestContexts.Dict(json)).Select(r => r.Name));
    }

    [Theory]
    [InlineData("""{"event_type": 42}""")]
    [InlineData("""{"event_type": true}""")]
    [InlineData("""{"event_type": ["login"]}""")]
    public void Candidates_NonStringType_EveryRule(string json) =>
        Assert.Equal(s_indexedRules.Length, Compile(s_indexedRules).Candidates(TestContexts.Json(json)).Length);

    [Fact]
    public void ExecuteRules_RulesOfOtherEventTypes_AreNotEvaluated()
    {
        var engine = new PolicyEngine(Set(s_indexedRules), TestEngines.Options());

        engine.ExecuteRules(TestContexts.Json("""{"event_type": "login", "user": {"tier": "gold"}}"""));

        var statistics = engine.GetStatistics();
        Assert.False(statistics.ContainsKey("purchase"));
        Assert.False(statistics.ContainsKey("error"));
        Assert.Equal(1, statistics["login_a"].Evaluations);
        Assert.Equal(1, statistics["login_b"].Firings);
    }

    [Fact]
    public void Match_WithIndex_SameAsExplainedEvaluationWithoutIt_OnRandomContexts()
    {
        // Arrange: rules over a handful of fields, so random events match some and miss most.
        var rules = new List<PolicyRule>
        {
            Rule("any_gold", Eq("tier", "gold")),
            Rule("or_type", Eq("event_type", "error"), Gt("n", 5)) with { ConditionOperator = ConditionOperator.Or },
            Rule("not_login", Ne("event_type", "login"), Exists("tier")),
            Rule("numeric_type", Eq("event_type", "7")),
            Rule("in_list", In("event_type", "login", "logout"), Lt("n", 3)),
            Rule("nested", Or(Eq("event_type", "login"), And(Eq("event_type", "error"), Exists("tier")))),
            Rule("off", Eq("event_type", "login")) with { Enabled = false },
        };
        string[] types = ["login", "logout", "error", "purchase", "signup", "Login", "login "];
        for (var i = 0; i < 30; i++)
        {
            var type = types[i % types.Length];
            rules.Add(Rule($"t{i}_{type.Trim()}", Eq("event_type", type), i % 3 == 0 ? Gt("n", i % 10) : Always(), i % 4 == 0 ? Eq("tier", "gold") : Always()) with { Priority = i % 5 });
        }

        var random = new Random(20240701);
        object?[] typeValues = ["login", "logout", "error", "purchase", "signup", "Login", "login ", "unknown", "7", 7, 7.0, true, null, "", "ERROR"];
        object?[] tierValues = ["gold", "free", null, 1];

        foreach (var matchMode in new[] { MatchMode.All, MatchMode.First })
        {
            var engine = new PolicyEngine(new PolicySet { Rules = rules.ToArray(), MatchMode = matchMode }, TestEngines.Options());
            for (var i = 0; i < 400; i++)
            {
                var values = new Dictionary<string, object?>();
                if (random.Next(8) != 0)
                {
                    values["event_type"] = typeValues[random.Next(typeValues.Length)];
                }

                if (random.Next(2) == 0)
                {
                    values["tier"] = tierValues[random.Next(tierValues.Length)];
                }

                if (random.Next(3) != 0)
                {
                    values["n"] = random.Next(12);
                }

                var json = System.Text.Json.JsonSerializer.Serialize(values);

                // Act
                var viaIndex = Matched(engine, TestContexts.Json(json));
                var viaIndexDictionary = Matched(engine, values);
                var explained = engine.ExecuteRules(TestContexts.Json(json), new EvaluationOptions { Explain = true, DryRun = true })
                    .Results.Where(r => r.Matched).Select(r => r.Rule).ToList();

                // Assert
                Assert.True(explained.SequenceEqual(viaIndex), $"{matchMode} {json}: index {string.Join(",", viaIndex)}, explained {string.Join(",", explained)}");
                Assert.True(viaIndexDictionary.SequenceEqual(viaIndex), $"{matchMode} {json}: dictionary {string.Join(",", viaIndexDictionary)}, json {string.Join(",", viaIndex)}");
            }
        }
    }

    [Fact]
    public void Match_ManyEventTypes_SameAsWithoutIndexForJsonAndDictionary()
    {
        var rules = Enumerable.Range(0, 50).Select(i => Rule("r" + i, Eq("event_type", "type_" + (i % 40)))).Append(Rule("catch_all")).ToArray();
        var engine = new PolicyEngine(Set(rules), TestEngines.Options());

        for (var i = 0; i < 45; i++)
        {
            var json = $$"""{"event_type": "type_{{i}}"}""";
            var expected = engine.ExecuteRules(TestContexts.Json(json), new EvaluationOptions { Explain = true, DryRun = true }).FiredRules.ToList();

            Assert.Equal(expected, Matched(engine, TestContexts.Json(json)));
            Assert.Equal(expected, Matched(engine, TestContexts.Dict(json)));
            Assert.Equal(i < 40 ? (i < 10 ? 3 : 2) : 1, expected.Count);
        }
    }

    [Fact]
    public void Match_EscapedJsonEventType_FindsItsBucket()
    {
        var engine = new PolicyEngine(Set(Rule("a", Eq("event_type", "café/ü")), Rule("b", Eq("event_type", "x"))), TestEngines.Options());

        Assert.Equal(["a"], Matched(engine, TestContexts.Json("""{"event_type": "caf\u00e9\/\u00fc"}""")));
    }

    private static List<string> Matched(PolicyEngine engine, PolicyContext context)
    {
        var matched = new List<string>();
        engine.Match(context, matched);
        return matched;
    }

    private static CompiledPolicySet Compile(params PolicyRule[] rules) =>
        new PolicyCompiler(name => new RuleRuntime(name, TimeProvider.System, () => 0.5, new InMemoryPolicyStateStore(), new RuleCounters()), new List<ValidationIssue>()).Compile(Set(rules));
}
