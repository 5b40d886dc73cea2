using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Validation;
using MemoryTriggers.Tests.Policies.Engine;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Evaluation.ConditionHarness;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class CompositeConditionTests
{
    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, true, true)]
    public void Evaluate_AndIsAllOrIsAny(bool a, bool b, bool and, bool or)
    {
        var json = "{\"a\": " + (a ? "true" : "false") + ", \"b\": " + (b ? "true" : "false") + "}";

        Assert.Equal(and, Evaluate(And(Eq("a", true), Eq("b", true)), json));
        Assert.Equal(or, Evaluate(Or(Eq("a", true), Eq("b", true)), json));
        Assert.Equal(!and, Evaluate(Not(And(Eq("a", true), Eq("b", true))), json));
        Assert.Equal(!or, Evaluate(Not(Or(Eq("a", true), Eq("b", true))), json));
    }

    [Fact]
    public void Evaluate_Empty_AndIsTrueOrIsFalse()
    {
        Assert.True(Evaluate(And(), "{}"));
        Assert.False(Evaluate(Or(), "{}"));
    }

    [Fact]
    public void Evaluate_Nested_CombinesAtEveryLevel()
    {
        // severity > 7 AND (type = error OR (type = warning AND NOT source in [test]))
        var condition = And(
            Gt("severity", 7),
            Or(Eq("type", "error"), And(Eq("type", "warning"), Not(In("source", "test")))));

        Assert.True(Evaluate(condition, """{"severity": 8, "type": "error", "source": "test"}"""));
        Assert.True(Evaluate(condition, """{"severity": 8, "type": "warning", "source": "prod"}"""));
        Assert.False(Evaluate(condition, """{"severity": 8, "type": "warning", "source": "test"}"""));
        Assert.False(Evaluate(condition, """{"severity": 7, "type": "error"}"""));
        Assert.True(Evaluate(condition, """{"severity": 9, "type": "warning"}"""));
    }

    [Fact]
    public void RuleConditionOperator_OrAndAnd_CombineTopLevelConditions()
    {
        var any = new PolicyEngine(Set(Rule("r", Eq("a", 1), Eq("b", 1)) with { ConditionOperator = ConditionOperator.Or }), TestEngines.Options());
        var all = new PolicyEngine(Set(Rule("r", Eq("a", 1), Eq("b", 1))), TestEngines.Options());

        Assert.True(Evaluate(any, """{"a": 1, "b": 2}"""));
        Assert.False(Evaluate(all, """{"a": 1, "b": 2}"""));
        Assert.True(Evaluate(all, """{"a": 1, "b": 1}"""));
        Assert.False(Evaluate(any, """{"a": 2, "b": 2}"""));
    }

    [Fact]
    public void RuleWithoutConditions_AlwaysMatches() =>
        Assert.True(Evaluate(new PolicyEngine(Set(Rule("r")), TestEngines.Options()), "{}"));

    [Fact]
    public void Evaluate_ShortCircuits_LaterChildrenAreNotEvaluated()
    {
        var draws = 0;
        var engine = new PolicyEngine(
            Set(Rule("and", And(Eq("x", 1), Chance(0.5))), Rule("or", Or(Eq("x", 2), Chance(0.5)))),
            TestEngines.Options(random: () =>
            {
                draws++;
                return 0.1;
            }));

        engine.Match(TestContexts.Json("""{"x": 2}"""), new List<string>());

        Assert.Equal(0, draws);
    }

    [Fact]
    public void Explain_TracesChildrenWithTheirPaths()
    {
        var engine = new PolicyEngine(Set(Rule("r", Or(Eq("a", 1), Not(Exists("b"))))), TestEngines.Options());

        var traces = engine.ExecuteRules(TestContexts.Json("""{"a": 2}"""), new EvaluationOptions { Explain = true }).Only("r").Conditions!;

        Assert.Contains(new ConditionTrace("rules.r.conditions[0].sub_conditions[0]", "equals", "a", "2", "1", false), traces);
        Assert.Contains(new ConditionTrace("rules.r.conditions[0].sub_conditions[1]", "not exists", "b", "(missing)", null, true), traces);
        Assert.Contains(traces, t => t.Path == "rules.r.conditions[0]" && t.Type == "composite_or" && t.Result);
    }

    [Fact]
    public void CheapestFirst_PureConditions_CheapOnesFirstTiesInWrittenOrder()
    {
        var rule = CompileRule(Regex("text", "^a"), Has("text", "b"), Eq("x", 1), Or(Eq("y", 1), Eq("z", 1)), Gt("n", 2));

        var ordered = CompositeCondition.CheapestFirst(rule.Conditions);

        Assert.Equal(["rules.r.conditions[2]", "rules.r.conditions[4]", "rules.r.conditions[3]", "rules.r.conditions[1]", "rules.r.conditions[0]"], ordered.Select(c => c.Path));
    }

    [Fact]
    public void CheapestFirst_WithRateLimitOrProbability_KeepsWrittenOrder()
    {
        var limited = CompileRule(Regex("text", "^a"), Rate(5, 60), Eq("x", 1));
        var sampled = CompileRule(Regex("text", "^a"), And(Chance(0.5), Eq("x", 1)));

        Assert.Same(limited.Conditions, CompositeCondition.CheapestFirst(limited.Conditions));
        Assert.Same(sampled.Conditions, CompositeCondition.CheapestFirst(sampled.Conditions));
    }

    [Fact]
    public void BucketConditions_IndexedRule_WithoutKeyCheapestFirst()
    {
        var set = CompileSet(
            Rule("r", Eq("type", "a"), Regex("text", "^a"), Eq("x", 1)),
            Rule("s", Eq("type", "b"), Eq("x", 2)));

        Assert.Equal(["rules.r.conditions[2]", "rules.r.conditions[1]"], set.Ordered[0].BucketConditions.Select(c => c.Path));
    }

    [Fact]
    public void Explain_CostlyConditionWrittenFirst_ReasonNamesItAsTheFirstFalse()
    {
        var engine = new PolicyEngine(Set(Rule("r", Regex("text", "^zz"), Eq("x", 1))), TestEngines.Options());
        var context = TestContexts.Json("""{"text": "abc", "x": 2}""");

        var explained = engine.ExecuteRules(context, new EvaluationOptions { Explain = true, DryRun = true, IncludeUnmatched = true }).Only("r");

        Assert.Contains("rules.r.conditions[0]", explained.Reason, StringComparison.Ordinal);
        Assert.Single(explained.Conditions!);
        Assert.Equal(0, engine.Match(context, new List<string>()));
    }

    [Theory]
    [InlineData("""{"text": "abc", "x": 1, "y": 0}""", true)]
    [InlineData("""{"text": "abc", "x": 2, "y": 0}""", false)]
    [InlineData("""{"text": "zbc", "x": 1, "y": 0}""", false)]
    [InlineData("""{"text": "zbc", "x": 2, "y": 1}""", true)]
    public void Evaluate_ReorderedConditions_SameAnswerAsWrittenOrder(string json, bool expected)
    {
        var condition = Or(And(Regex("text", "^a"), Has("text", "b"), Eq("x", 1)), Eq("y", 1));

        Assert.Equal(expected, Evaluate(condition, json));
    }

    private static CompiledRule CompileRule(params PolicyCondition[] conditions) => CompileSet(Rule("r", conditions)).Ordered[0];

    private static CompiledPolicySet CompileSet(params PolicyRule[] rules) =>
        new PolicyCompiler(name => new RuleRuntime(name, TimeProvider.System, () => 0.5, new InMemoryPolicyStateStore(), new RuleCounters()), new List<ValidationIssue>()).Compile(Set(rules));
}
