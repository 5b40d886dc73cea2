using MemoryTriggers.Policies;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>
/// The engine's evaluation: order, match mode, options, dry runs, explanations and statistics. The
/// other parts of this class test limits, actions, templates, chains and concurrency.
/// </summary>
public sealed partial class PolicyEngineTests
{
    private readonly FakeTimeProvider _time = new(TestEngines.Start);
    private readonly RecordingExecutor _executor;

    public PolicyEngineTests() => _executor = new RecordingExecutor(_time);

    [Fact]
    public void ExecuteRules_RulesRunInDescendingPriorityTiesInFileOrder()
    {
        var engine = Engine(
            Rule("low").Do(Log("low")) with { Priority = 1 },
            Rule("high_1").Do(Log("high_1")) with { Priority = 10 },
            Rule("mid").Do(Log("mid")) with { Priority = 5 },
            Rule("high_2").Do(Log("high_2")) with { Priority = 10 },
            Rule("negative").Do(Log("negative")) with { Priority = -3 },
            Rule("high_3").Do(Log("high_3")) with { Priority = 10 });

        var decision = engine.ExecuteRules(Json("{}"));

        string[] expected = ["high_1", "high_2", "high_3", "mid", "low", "negative"];
        Assert.Equal(expected, decision.Results.Select(r => r.Rule));
        Assert.Equal(expected, _executor.Labels);
        Assert.Equal(expected, Matches(engine, "{}"));
    }

    [Fact]
    public void ExecuteRules_AllMatchingRulesFire_NonMatchingAreLeftOut()
    {
        var engine = Engine(
            Rule("a", Eq("type", "x")).Do(Log("a")),
            Rule("b", Eq("type", "y")).Do(Log("b")),
            Rule("c", Exists("type")).Do(Log("c")));

        var decision = engine.ExecuteRules(Json("""{"type": "x"}"""));

        Assert.Equal(["a", "c"], decision.FiredRules);
        Assert.Equal(["a", "c"], decision.Results.Select(r => r.Rule));
        Assert.All(decision.Results, r => Assert.True(r.Matched));
    }

    [Fact]
    public void ExecuteRules_IncludeUnmatched_ListsEveryRuleWithWhy()
    {
        var engine = Engine(
            Rule("a", Eq("type", "x")),
            Rule("b", Eq("type", "y")),
            Rule("off") with { Enabled = false });

        var decision = engine.ExecuteRules(Json("""{"type": "x"}"""), new EvaluationOptions { IncludeUnmatched = true });

        Assert.Equal(["a", "b", "off"], decision.Results.Select(r => r.Rule));
        Assert.Equal([RuleOutcome.Fired, RuleOutcome.ConditionsFalse, RuleOutcome.Disabled], decision.Results.Select(r => r.Outcome));
        Assert.False(decision.Only("b").Matched);
        Assert.Equal("the rule is disabled", decision.Only("off").Reason);
    }

    [Fact]
    public void ExecuteRules_MatchModeFirst_OnlyTheFirstMatchFiresLaterAreNotReached()
    {
        var engine = Engine(FirstMatch(
            Rule("miss", Eq("type", "nope")).Do(Log("miss")) with { Priority = 9 },
            Rule("first", Always()).Do(Log("first")) with { Priority = 5 },
            Rule("second", Always()).Do(Log("second")) with { Priority = 5 },
            Rule("third", Always()).Do(Log("third")) with { Priority = 1 }));

        var decision = engine.ExecuteRules(Json("{}"), new EvaluationOptions { IncludeUnmatched = true });

        Assert.Equal(["first"], decision.FiredRules);
        Assert.Equal(["first"], _executor.Labels);
        Assert.Equal(
            [RuleOutcome.ConditionsFalse, RuleOutcome.Fired, RuleOutcome.NotReached, RuleOutcome.NotReached],
            decision.Results.Select(r => r.Outcome));
        Assert.Equal(["first"], Matches(engine, "{}"));
    }

    [Fact]
    public void ExecuteRules_MatchModeFirstWithoutIncludeUnmatched_ListsOnlyTheFiredRule()
    {
        var engine = Engine(FirstMatch(Rule("a"), Rule("b")));

        var decision = engine.ExecuteRules(Json("{}"));

        Assert.Equal(["a"], decision.Results.Select(r => r.Rule));
    }

    [Fact]
    public void ExecuteRules_DisabledRule_NeverMatchesOrFires()
    {
        var engine = Engine(Rule("off").Do(Log("off")) with { Enabled = false });

        Assert.Empty(engine.ExecuteRules(Json("{}")).Results);
        Assert.Empty(Matches(engine, "{}"));
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void ExecuteRules_Scope_EvaluatesOnlyThatScope()
    {
        var engine = Engine(
            Rule("user_rule") with { Scope = PolicyScope.User },
            Rule("agent_rule") with { Scope = PolicyScope.Agent },
            Rule("global_rule"));

        var decision = engine.ExecuteRules(Json("{}"), new EvaluationOptions { Scope = PolicyScope.User, IncludeUnmatched = true });

        Assert.Equal(["user_rule"], decision.FiredRules);
        Assert.Equal(RuleOutcome.OutOfScope, decision.Only("agent_rule").Outcome);
        Assert.Equal(RuleOutcome.OutOfScope, decision.Only("global_rule").Outcome);
        Assert.Contains("agent", decision.Only("agent_rule").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecuteRules_RuleName_EvaluatesOnlyThatRule()
    {
        var engine = Engine(Rule("a").Do(Log("a")), Rule("b").Do(Log("b")), Rule("c").Do(Log("c")));

        var decision = engine.ExecuteRules(Json("{}"), new EvaluationOptions { RuleName = "b", IncludeUnmatched = true });

        Assert.Equal(["b"], decision.Results.Select(r => r.Rule));
        Assert.Equal(["b"], _executor.Labels);
    }

    [Fact]
    public void ExecuteRules_Decision_CarriesIdTimeAndDryRunFlag()
    {
        var engine = Engine(Rule("a"));

        var first = engine.ExecuteRules(Json("{}"));
        var second = engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true });

        Assert.NotEqual(first.DecisionId, second.DecisionId);
        Assert.Equal(32, first.DecisionId.Length);
        Assert.Equal(TestEngines.Start, first.Timestamp);
        Assert.False(first.DryRun);
        Assert.True(second.DryRun);
    }

    [Fact]
    public async Task ExecuteRulesAsync_SameResultAsExecuteRules()
    {
        var engine = Engine(Rule("a", Eq("x", 1)).Do(Log("a")), Rule("b", Eq("x", 2)));

        var decision = await engine.ExecuteRulesAsync(Dict("""{"x": 1}"""));

        Assert.Equal(["a"], decision.FiredRules);
        Assert.Equal(["a"], _executor.Labels);
    }

    [Fact]
    public void ExecuteRules_DryRun_PlansActionsWithRenderedParametersAndRunsNothing()
    {
        var engine = Engine(Rule("r").Do(
            Action(PolicyActionType.CreateMemory, ("content", "User ${user.name} said ${text}"), ("importance", "${score}")),
            Action(PolicyActionType.AddTag, ("memory_id", "${actions.create_memory.memory_id}"), ("tag", "t"))));

        var decision = engine.ExecuteRules(Json("""{"user": {"name": "Ada"}, "text": "hi", "score": 0.8}"""), new EvaluationOptions { DryRun = true });

        var rule = decision.Only("r");
        Assert.True(rule.Fired);
        Assert.Empty(_executor.Requests);
        Assert.All(rule.Actions, a => Assert.Equal(ActionStatus.Planned, a.Status));
        Assert.Equal("User Ada said hi", rule.Actions[0].Parameters["content"]);
        Assert.Equal(0.8, rule.Actions[0].Parameters["importance"]);
        Assert.Equal("<create_memory.memory_id>", rule.Actions[1].Parameters["memory_id"]);
        Assert.Contains("dry run", rule.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecuteRules_DryRun_RecordsNoCooldownExecutionOrRateState()
    {
        var engine = Engine(
            Rule("cooled").Do(Log("cooled")) with { CooldownPeriod = 60 },
            Rule("capped").Do(Log("capped")) with { MaxExecutions = 1 },
            Rule("limited", Rate(1, 60)).Do(Log("limited")));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(["cooled", "capped", "limited"], engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true }).FiredRules);
        }

        Assert.Equal(["cooled", "capped", "limited"], engine.ExecuteRules(Json("{}")).FiredRules);
        Assert.Empty(engine.ExecuteRules(Json("{}")).FiredRules);
    }

    [Fact]
    public void ExecuteRules_DryRun_ReportsTheLimitsAFiringWouldMeet()
    {
        var engine = Engine(Rule("r") with { CooldownPeriod = 60 });
        engine.ExecuteRules(Json("{}"));

        var decision = engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true });

        Assert.Equal(RuleOutcome.Cooldown, decision.Only("r").Outcome);
    }

    [Fact]
    public void ExecuteRules_Explain_TracesEachLeafWithFieldActualExpectedAndResult()
    {
        var engine = Engine(Rule("r",
            Eq("user.tier", "gold"),
            Gt("score", 5),
            Between("age", 18, 65),
            In("country", "de", "fr"),
            Not(Eq("blocked", true)),
            NotExists("deleted_at")));

        var result = engine.ExecuteRules(Json("""{"user": {"tier": "gold"}, "score": 7.5, "age": 30, "country": "de"}"""), new EvaluationOptions { Explain = true }).Only("r");

        Assert.True(result.Fired);
        Assert.Equal(
            [
                new ConditionTrace("rules.r.conditions[0]", "equals", "user.tier", "\"gold\"", "\"gold\"", true),
                new ConditionTrace("rules.r.conditions[1]", "greater_than", "score", "7.5", "5", true),
                new ConditionTrace("rules.r.conditions[2]", "between", "age", "30", "[18, 65]", true),
                new ConditionTrace("rules.r.conditions[3]", "in_list", "country", "\"de\"", "[\"de\", \"fr\"]", true),
                new ConditionTrace("rules.r.conditions[4]", "not equals", "blocked", "(missing)", "true", true),
                new ConditionTrace("rules.r.conditions[5]", "not_exists", "deleted_at", "(missing)", null, true),
            ],
            result.Conditions!);
    }

    [Fact]
    public void ExecuteRules_ExplainFalseRule_ReasonNamesTheFirstFalseCondition()
    {
        var engine = Engine(Rule("r", Eq("type", "error"), Gt("severity", 5)));

        var result = engine.ExecuteRules(Json("""{"type": "error", "severity": 2}"""), new EvaluationOptions { Explain = true, IncludeUnmatched = true }).Only("r");

        Assert.Equal(RuleOutcome.ConditionsFalse, result.Outcome);
        Assert.False(result.Conditions![^1].Result);
        Assert.Contains("rules.r.conditions[1]", result.Reason, StringComparison.Ordinal);
        Assert.Contains("severity", result.Reason, StringComparison.Ordinal);
        Assert.Contains("actual 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecuteRules_WithoutExplain_HasNoTraces()
    {
        var engine = Engine(Rule("r", Always()));

        Assert.Null(engine.ExecuteRules(Json("{}")).Only("r").Conditions);
    }

    [Fact]
    public void ExecuteRules_Explain_StillRunsActionsUnlessDryRun()
    {
        var engine = Engine(Rule("r").Do(Log("x")));

        engine.ExecuteRules(Json("{}"), new EvaluationOptions { Explain = true });

        Assert.Equal(["x"], _executor.Labels);
    }

    [Fact]
    public void GetStatistics_CountsEvaluationsMatchesFiringsAndFailures()
    {
        var engine = Engine(
            Rule("r", Eq("go", true)).Do(Action(PolicyActionType.LogEvent, ("text", "${text}"))) with { MaxExecutions = 2 });

        engine.ExecuteRules(Json("""{"go": false}"""));
        engine.ExecuteRules(Json("""{"go": true, "text": "ok"}"""));
        engine.ExecuteRules(Json("""{"go": true}"""));
        engine.ExecuteRules(Json("""{"go": true, "text": "capped"}"""));

        var statistics = engine.GetStatistics()["r"];
        Assert.Equal(4, statistics.Evaluations);
        Assert.Equal(3, statistics.Matches);
        Assert.Equal(2, statistics.Firings);
        Assert.Equal(1, statistics.Failures);
    }

    [Fact]
    public void GetStatistics_SurviveReplacementByName()
    {
        var engine = Engine(Rule("r"));
        engine.ExecuteRules(Json("{}"));

        engine.Replace(Set(Rule("r"), Rule("s")));
        engine.ExecuteRules(Json("{}"));

        Assert.Equal(2, engine.GetStatistics()["r"].Firings);
        Assert.Equal(1, engine.GetStatistics()["s"].Firings);
    }

    [Fact]
    public void Replace_NewRulesApply_IssuesAndPoliciesUpdate()
    {
        var engine = Engine(Rule("old"));
        var replacement = Set(Rule("new_1"), Rule("bad", Regex("f", "(")));

        var issues = engine.Replace(replacement);

        Assert.Single(issues);
        Assert.Same(issues, engine.CompilationIssues);
        Assert.Same(replacement, engine.Policies);
        Assert.Equal(["new_1"], engine.ExecuteRules(Json("{}")).FiredRules);
    }

    [Fact]
    public void Replace_KeepsStateOfRulesWithTheSameName()
    {
        var engine = Engine(Rule("r") with { MaxExecutions = 1 });
        engine.ExecuteRules(Json("{}"));

        engine.Replace(Set(Rule("r") with { MaxExecutions = 1, Description = "edited" }));

        Assert.Empty(engine.ExecuteRules(Json("{}")).FiredRules);
    }

    [Fact]
    public void Replace_RateLimitRaised_FiringsBeforeTheReplaceStillCount()
    {
        var engine = Engine(Rule("r", Rate(2, 100)).Do(Log("r")));
        engine.ExecuteRules(Json("{}"));
        _time.Advance(TimeSpan.FromSeconds(10));
        engine.ExecuteRules(Json("{}"));

        engine.Replace(Set(Rule("r", Rate(4, 100)).Do(Log("r"))));
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            engine.ExecuteRules(Json("{}"));
        }

        // Six attempts within 60 s under a limit of 4 per 100 s: four fire.
        Assert.Equal(4, _executor.Requests.Count);
    }

    [Fact]
    public void Match_ReportsMatchingRulesWithoutRunningOrRecordingAnything()
    {
        var engine = Engine(Rule("r", Eq("a", 1)).Do(Log("r")) with { MaxExecutions = 1 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(["r"], Matches(engine, """{"a": 1}"""));
        }

        Assert.Empty(_executor.Requests);
        Assert.Equal(["r"], engine.ExecuteRules(Json("""{"a": 1}""")).FiredRules);
        Assert.Equal(["r"], Matches(engine, """{"a": 1}"""));
    }

    [Fact]
    public void Match_AppendsToTheCollectionAndReturnsTheCount()
    {
        var engine = Engine(Rule("a"), Rule("b", Never()), Rule("c"));
        var matched = new List<string> { "earlier" };

        var count = engine.Match(Json("{}"), matched);

        Assert.Equal(2, count);
        Assert.Equal(["earlier", "a", "c"], matched);
    }

    [Fact]
    public void Constructor_CompilesAndReportsIssues()
    {
        var engine = Engine(Rule("ok"), Rule("bad", Gt("x", "not a number")), Rule("worse", Between("x", 1, 2) with { MaxValue = null }));

        Assert.Equal(2, engine.CompilationIssues.Count);
        Assert.All(engine.CompilationIssues, i => Assert.Equal(PolicyValidationCodes.Uncompilable, i.Code));
        Assert.Equal(["ok"], engine.ExecuteRules(Dict("""{"x": 1.5}""")).FiredRules);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new PolicyEngine(null!));
        Assert.Throws<ArgumentNullException>(() => Engine(Rule("a")).Replace(null!));
        Assert.Throws<ArgumentNullException>(() => Engine(Rule("a")).Match(Json("{}"), null!));
    }

    [Fact]
    public void Constructor_DefaultOptions_Work()
    {
        var engine = new PolicyEngine(Set(Rule("a", Eq("x", 1))));

        Assert.Equal(["a"], engine.ExecuteRules(Json("""{"x": 1}""")).FiredRules);
    }

    [Fact]
    public void RuleResult_SucceededAndFired_DescribeTheActions()
    {
        var failed = new RuleResult { Rule = "r", Outcome = RuleOutcome.Fired, Reason = "x", Actions = [new ActionResult { Type = PolicyActionType.LogEvent, Status = ActionStatus.Failed }] };
        var skipped = new RuleResult { Rule = "r", Outcome = RuleOutcome.Skipped, Reason = "x", Actions = [new ActionResult { Type = PolicyActionType.LogEvent, Status = ActionStatus.Skipped }] };

        Assert.True(failed.Fired);
        Assert.False(failed.Succeeded);
        Assert.False(skipped.Fired);
        Assert.True(skipped.Succeeded);
    }

    private static System.Text.Json.JsonElement Json(string json) => TestContexts.Json(json);

    private static Dictionary<string, object?> Dict(string json) => TestContexts.Dict(json);

    private static List<string> Matches(PolicyEngine engine, string json)
    {
        var matched = new List<string>();
        engine.Match(Json(json), matched);
        return matched;
    }

    private PolicyEngine Engine(params PolicyRule[] rules) => Engine(Set(rules));

    private PolicyEngine Engine(PolicySet set, Func<double>? random = null, Func<string, string?>? environment = null, int? maxChainDepth = null)
    {
        var options = TestEngines.Options(_executor, _time, random, environment);
        return new PolicyEngine(set, maxChainDepth is { } depth ? options with { MaxChainDepth = depth } : options);
    }
}
