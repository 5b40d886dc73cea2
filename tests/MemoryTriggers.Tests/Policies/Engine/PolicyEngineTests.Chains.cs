using MemoryTriggers.Actions;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>chain_policy.</summary>
public sealed partial class PolicyEngineTests
{
    [Fact]
    public void Chain_TargetEvaluatedAgainstMergedContext_AppearsWithChainedFrom()
    {
        var engine = Engine(
            Rule("a", Eq("type", "error")).Do(Log("a"), Chain("b", Map(("severity", "high"), ("source", "${type}")))),
            Rule("b", Eq("severity", "high"), Eq("type", "error"), Eq("source", "error"))
                .Do(Action(PolicyActionType.LogEvent, ("label", "b"), ("text", "${severity}/${user}"))));

        var decision = engine.ExecuteRules(Json("""{"type": "error", "severity": "low", "user": "u1"}"""));

        Assert.Equal(["a", "b"], decision.Results.Select(r => r.Rule));
        Assert.Null(decision.Only("a").ChainedFrom);
        Assert.Equal("a", decision.Only("b").ChainedFrom);
        Assert.Equal(["a", "b"], decision.FiredRules);
        Assert.Equal(["a", "b"], _executor.Labels);
        Assert.Equal("high/u1", _executor.Requests[1].Parameters["text"]);
        Assert.True(_executor.Requests[1].Context.TryGetValue("severity", out var severity));
        Assert.Equal("high", severity);

        var chain = decision.Only("a").Actions[1];
        Assert.Equal(PolicyActionType.ChainPolicy, chain.Type);
        Assert.Equal(ActionStatus.Succeeded, chain.Status);
        Assert.Equal("b", chain.Output["rule"]);
        Assert.Equal(true, chain.Output["fired"]);
    }

    [Fact]
    public void Chain_WithoutContext_UsesTheEventAsIs()
    {
        var engine = Engine(
            Rule("a", Eq("type", "x")).Do(Chain("b")),
            Rule("b", Eq("type", "x"), Eq("user", "u1")).Do(Log("b")) with { Priority = -1 });

        var decision = engine.ExecuteRules(Json("""{"type": "x", "user": "u1"}"""));

        Assert.Equal(["a", "b", "b"], decision.Results.Select(r => r.Rule));
        Assert.Equal(["a", null], decision.Results.Where(r => r.Rule == "b").Select(r => r.ChainedFrom));
        Assert.Equal(["b", "b"], _executor.Labels);
    }

    [Fact]
    public void Chain_TargetConditionsFalse_DoesNotFireAndTheChainSucceeds()
    {
        var engine = Engine(Rule("a").Do(Chain("b")), Rule("b", Eq("severity", "high")).Do(Log("b")) with { Priority = -1 });

        var decision = engine.ExecuteRules(Json("""{"severity": "low"}"""));

        var chained = decision.Only("b");
        Assert.Equal(RuleOutcome.ConditionsFalse, chained.Outcome);
        Assert.Equal("a", chained.ChainedFrom);
        var chain = decision.Only("a").Actions[0];
        Assert.Equal(ActionStatus.Succeeded, chain.Status);
        Assert.Equal(false, chain.Output["matched"]);
        Assert.Equal(false, chain.Output["fired"]);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void Chain_TargetFailure_FailsTheChainAction()
    {
        _executor.Behavior = (request, _) => (string?)request.Parameters["label"] == "b"
            ? throw new ActionFailedException("store unavailable")
            : ValueTask.FromResult(ActionOutput.Empty);
        var engine = Engine(Rule("a").Do(ChainVia("b"), Log("after_chain") with { Priority = 1 }), Chained("b").Do(Log("b")));

        var decision = engine.ExecuteRules(Json("{}"));

        var chain = decision.Only("a").Actions[0];
        Assert.Equal(ActionStatus.Failed, chain.Status);
        Assert.Contains("chained rule 'b' failed", chain.Error, StringComparison.Ordinal);
        Assert.Contains("store unavailable", chain.Error, StringComparison.Ordinal);
        Assert.False(decision.Only("a").Succeeded);
        Assert.False(decision.Only("b").Succeeded);
        Assert.Equal(ActionStatus.Succeeded, decision.Only("a").Actions[1].Status);
    }

    [Fact]
    public void Chain_TargetFailureTwoLevelsDown_PropagatesToTheTop()
    {
        _executor.Behavior = (_, _) => throw new ActionFailedException("deep failure");
        var engine = Engine(Rule("a").Do(ChainVia("b")), Chained("b").Do(ChainVia("c")), Chained("c").Do(Log("c")));

        var decision = engine.ExecuteRules(Json("{}"));

        Assert.Equal(ActionStatus.Failed, decision.Only("a").Actions[0].Status);
        Assert.Contains("deep failure", decision.Only("a").Actions[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_RecordsTheTargetsFiring()
    {
        var engine = Engine(Rule("a").Do(ChainVia("b")), Rule("b", In("via", "chain", "direct")).Do(Log("b")) with { MaxExecutions = 1 });

        var first = engine.ExecuteRules(Json("{}"));
        var second = engine.ExecuteRules(Json("{}"));
        var direct = engine.ExecuteRules(Json("""{"via": "direct"}"""));

        Assert.True(first.Only("b").Fired);
        Assert.Equal(RuleOutcome.MaxExecutions, second.Only("b").Outcome);
        Assert.Equal(false, second.Only("a").Actions[0].Output["fired"]);
        Assert.Equal(ActionStatus.Succeeded, second.Only("a").Actions[0].Status);
        Assert.Equal(2, direct.Results.Count(r => r.Rule == "b"));
        Assert.DoesNotContain(direct.Results, r => r.Rule == "b" && r.Fired);
        Assert.Equal(["b"], _executor.Labels);
        Assert.Equal(1, engine.GetStatistics()["b"].Firings);
    }

    [Fact]
    public void Chain_ResultsAreInEvaluationOrder()
    {
        var engine = Engine(
            Rule("a").Do(ChainVia("b"), ChainVia("c")) with { Priority = 10 },
            Chained("b").Do(ChainVia("d")),
            Chained("c"),
            Chained("d"),
            Rule("z") with { Priority = -10 });

        var decision = engine.ExecuteRules(Json("{}"));

        Assert.Equal(["a", "b", "d", "c", "z"], decision.Results.Select(r => r.Rule));
        Assert.Equal([null, "a", "b", "a", null], decision.Results.Select(r => r.ChainedFrom));
    }

    [Fact]
    public void Chain_SelfChain_StopsAtTheDepthLimitWithAClearError()
    {
        var engine = Engine(Rule("a").Do(Log("a"), Chain("a")));

        var decision = engine.ExecuteRules(Json("{}"));

        Assert.Equal(9, decision.Results.Count);
        Assert.All(decision.Results, r => Assert.Equal("a", r.Rule));
        Assert.Equal(9, _executor.Requests.Count);
        var deepest = decision.Results[^1].Actions[1];
        Assert.Equal(ActionStatus.Failed, deepest.Status);
        Assert.Equal("chain_policy: chain depth limit 8 reached at 'a'", deepest.Error);
        var top = decision.Results[0].Actions[1];
        Assert.Equal(ActionStatus.Failed, top.Status);
        Assert.Contains("chain depth limit 8", top.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_Cycle_StopsAtTheDepthLimitWithAClearError()
    {
        var engine = Engine(
            Rule("a", Eq("start", true)).Do(Chain("b", Map(("from", "a")))),
            Rule("b", Eq("from", "a")).Do(Chain("a", Map(("from", "b")))));

        var decision = engine.ExecuteRules(Json("""{"start": true}"""));

        Assert.Equal(["a", "b", "a", "b", "a", "b", "a", "b", "a"], decision.Results.Select(r => r.Rule));
        Assert.Equal([null, "a", "b", "a", "b", "a", "b", "a", "b"], decision.Results.Select(r => r.ChainedFrom));
        Assert.Equal("chain_policy: chain depth limit 8 reached at 'b'", decision.Results[8].Actions[0].Error);
        Assert.Equal(ActionStatus.Failed, decision.Results[0].Actions[0].Status);
        Assert.Contains("chain depth limit 8", decision.Results[0].Actions[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_MaxChainDepthOption_IsTheDeepestChain()
    {
        var rules = Set(
            Rule("a", Eq("go", true)).Do(ChainVia("b")),
            Chained("b").Do(ChainVia("c")),
            Chained("c").Do(ChainVia("d")),
            Chained("d").Do(Log("d")));

        var deepEnough = Engine(rules, maxChainDepth: 3).ExecuteRules(Json("""{"go": true}"""));
        var tooDeep = Engine(rules, maxChainDepth: 2).ExecuteRules(Json("""{"go": true}"""));

        Assert.True(deepEnough.Only("a").Succeeded);
        Assert.True(deepEnough.Only("d").Fired);
        Assert.False(tooDeep.Only("a").Succeeded);
        Assert.Equal("chain_policy: chain depth limit 2 reached at 'd'", tooDeep.Only("c").Actions[0].Error);
        Assert.DoesNotContain(tooDeep.Results, r => r.Rule == "d");
    }

    [Fact]
    public void Chain_UnknownTargetOrNoName_FailsTheAction()
    {
        var engine = Engine(Rule("a").Do(Chain("nope"), Action(PolicyActionType.ChainPolicy)));

        var actions = engine.ExecuteRules(Json("{}")).Only("a").Actions;

        Assert.Equal("chain_policy: no rule named 'nope'", actions[0].Error);
        Assert.Equal("chain_policy needs the parameter policy_name", actions[1].Error);
        Assert.All(actions, a => Assert.Equal(ActionStatus.Failed, a.Status));
    }

    [Fact]
    public void Chain_TargetNameFromTemplate_IsRendered()
    {
        var engine = Engine(
            Rule("a").Do(Action(PolicyActionType.ChainPolicy, ("policy_name", "handle_${kind}"), ("context", Map(("via", "chain"))))),
            Chained("handle_error").Do(Log("handled")));

        engine.ExecuteRules(Json("""{"kind": "error"}"""));

        Assert.Equal(["handled"], _executor.Labels);
    }

    [Fact]
    public void Chain_DryRun_PlansTheTargetAndRecordsNothing()
    {
        var engine = Engine(Rule("a").Do(ChainVia("b")), Chained("b").Do(Log("b")) with { MaxExecutions = 1 });

        var planned = engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true });

        Assert.Equal(ActionStatus.Planned, planned.Only("a").Actions[0].Status);
        Assert.Equal(ActionStatus.Planned, planned.Only("b").Actions[0].Status);
        Assert.Empty(_executor.Requests);
        Assert.True(engine.ExecuteRules(Json("{}")).Only("b").Fired);
    }

    [Fact]
    public void Chain_TargetOutsideTheRequestedScope_StillRuns()
    {
        var engine = Engine(Rule("a").Do(ChainVia("b")) with { Scope = PolicyScope.User }, Chained("b").Do(Log("b")) with { Scope = PolicyScope.Agent });

        var decision = engine.ExecuteRules(Json("{}"), new EvaluationOptions { Scope = PolicyScope.User });

        Assert.True(decision.Only("b").Fired);
        Assert.Equal(["b"], _executor.Labels);
    }

    [Fact]
    public void Chain_DisabledTarget_IsReportedNotRun()
    {
        var engine = Engine(Rule("a").Do(Chain("b")), Rule("b").Do(Log("b")) with { Enabled = false });

        var decision = engine.ExecuteRules(Json("{}"));

        Assert.Equal(RuleOutcome.Disabled, decision.Only("b").Outcome);
        Assert.Equal(ActionStatus.Succeeded, decision.Only("a").Actions[0].Status);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void Chain_Explain_TracesTheTargetsConditionsAgainstTheMergedContext()
    {
        var engine = Engine(Rule("a").Do(Chain("b", Map(("level", 5)))), Rule("b", Gt("level", 3)));

        var decision = engine.ExecuteRules(Json("""{"level": 1}"""), new EvaluationOptions { Explain = true });

        var chained = Assert.Single(decision.Results, r => r.ChainedFrom == "a");
        Assert.Equal(new ConditionTrace("rules.b.conditions[0]", "greater_than", "level", "5", "3", true), Assert.Single(chained.Conditions!));
    }

    /// <summary>A rule that matches only when chained to with <see cref="ChainVia"/>.</summary>
    private static PolicyRule Chained(string name) => Rule(name, Eq("via", "chain"));

    private static PolicyAction ChainVia(string target) => Chain(target, Map(("via", "chain")));
}
