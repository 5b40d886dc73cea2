using MemoryTriggers.Actions;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>cooldown_period, max_executions and cooldown_key.</summary>
public sealed partial class PolicyEngineTests
{
    [Fact]
    public void Cooldown_BlocksFiringsUntilThePeriodHasPassed()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { CooldownPeriod = 30 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, "{}"));
        Assert.Equal(["r", "r"], _executor.Labels);
    }

    [Fact]
    public void Cooldown_ResultIsMatchedWithAReason()
    {
        var engine = Engine(Rule("r") with { CooldownPeriod = 30 });
        engine.ExecuteRules(Json("{}"));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.True(result.Matched);
        Assert.False(result.Fired);
        Assert.Contains("cooldown", result.Reason, StringComparison.Ordinal);
        Assert.Contains("30", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cooldown_StartsOnlyWhenTheRuleFires()
    {
        var engine = Engine(Rule("r", Eq("go", true)) with { CooldownPeriod = 30 });

        for (var i = 0; i < 5; i++)
        {
            engine.ExecuteRules(Json("""{"go": false}"""));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"go": true}"""));
    }

    [Fact]
    public void MaxExecutions_CapsFiringsForever()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { MaxExecutions = 2 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromDays(400));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, "{}"));
        Assert.Equal(2, _executor.Requests.Count);
        Assert.Contains("max_executions (2)", engine.ExecuteRules(Json("{}")).Only("r").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxExecutions_Zero_NeverFires()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { MaxExecutions = 0 });

        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, "{}"));
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void MaxExecutions_NonMatchingEvaluationsDoNotCount()
    {
        var engine = Engine(Rule("r", Eq("go", true)) with { MaxExecutions = 1 });

        for (var i = 0; i < 5; i++)
        {
            engine.ExecuteRules(Json("""{"go": false}"""));
        }

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"go": true}"""));
    }

    [Fact]
    public void MaxExecutions_AndCooldown_BlockedAttemptsCountNeither()
    {
        var engine = Engine(Rule("r") with { MaxExecutions = 2, CooldownPeriod = 10 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, "{}"));
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, "{}"));
    }

    [Fact]
    public void CooldownKey_CooldownIsPerKey()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("label", "${user_id}"))) with { CooldownPeriod = 60, CooldownKey = "${user_id}" });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user_id": "u1"}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user_id": "u2"}"""));
        Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, """{"user_id": "u1"}"""));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user_id": "u1"}"""));
        Assert.Equal(["u1", "u2", "u1"], _executor.Labels);
    }

    [Fact]
    public void CooldownKey_MaxExecutionsArePerKey()
    {
        var engine = Engine(Rule("r") with { MaxExecutions = 1, CooldownKey = "${tenant}/${user.id}" });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"tenant": "t1", "user": {"id": 1}}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"tenant": "t2", "user": {"id": 1}}"""));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, """{"tenant": "t1", "user": {"id": 1}}"""));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, """{"tenant": "t1", "user": {"id": "1"}}"""));
    }

    [Fact]
    public void CooldownKey_ReasonNamesTheKey()
    {
        var engine = Engine(Rule("r") with { CooldownPeriod = 60, CooldownKey = "${user_id}" });
        engine.ExecuteRules(Json("""{"user_id": "u1"}"""));

        Assert.Contains("u1", engine.ExecuteRules(Json("""{"user_id": "u1"}""")).Only("r").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CooldownKey_UnresolvedPlaceholder_DoesNotFireAndSaysWhy()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { CooldownPeriod = 60, CooldownKey = "${user_id}" });

        var result = engine.ExecuteRules(Json("{}"), new EvaluationOptions { IncludeUnmatched = true }).Only("r");

        Assert.False(result.Fired);
        Assert.Contains("${user_id}", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void CooldownKey_WithDefault_UsesTheDefaultKey()
    {
        var engine = Engine(Rule("r") with { CooldownPeriod = 60, CooldownKey = "${user_id:-anonymous}" });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, """{"other": 1}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user_id": "u1"}"""));
    }

    [Fact]
    public void CooldownKey_MalformedTemplate_IsReportedAndTheRuleNeverFires()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { CooldownPeriod = 60, CooldownKey = "${user_id" });

        var issue = Assert.Single(engine.CompilationIssues);
        Assert.Equal("rules.r.cooldown_key", issue.Path);

        // PolicyValidationCodes.Uncompilable: "the rule never fires".
        Assert.Empty(engine.ExecuteRules(Json("""{"user_id": "u1"}""")).FiredRules);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public async Task Cooldown_DecisionThatTookLong_StartsTheCooldownWhenTheRuleFired()
    {
        // "slow" retries after 60 s, so "cooled" fires 60 s after the decision started.
        var engine = Engine(SlowRuleThen(Rule("cooled").Do(Log("cooled")) with { CooldownPeriod = 30 }));

        await _time.Drive(engine.ExecuteRulesAsync(Json("""{"slow": true}""")).AsTask(), TimeSpan.FromSeconds(60));
        var second = await engine.ExecuteRulesAsync(Json("""{"slow": false}"""));

        Assert.Equal(TestEngines.Start.AddSeconds(60), _time.GetUtcNow());
        Assert.Equal(RuleOutcome.Cooldown, second.Only("cooled").Outcome);
    }

    [Fact]
    public async Task RateLimit_DecisionThatTookLong_ChargesTheWindowWhenTheRuleFired()
    {
        var engine = Engine(SlowRuleThen(Rule("limited", Rate(1, 30)).Do(Log("limited"))));

        await _time.Drive(engine.ExecuteRulesAsync(Json("""{"slow": true}""")).AsTask(), TimeSpan.FromSeconds(60));
        var second = await engine.ExecuteRulesAsync(Json("""{"slow": false}"""));

        Assert.Equal(TestEngines.Start.AddSeconds(60), _time.GetUtcNow());
        Assert.Empty(second.FiredRules);
        Assert.Equal(1, _executor.Labels.Count(l => l == "limited"));
    }

    /// <summary>A first rule whose action fails once and is retried 60 s later (when the event says slow), then <paramref name="rule"/>.</summary>
    private PolicySet SlowRuleThen(PolicyRule rule)
    {
        var failedOnce = false;
        _executor.Behavior = (request, _) =>
        {
            if ((string?)request.Parameters["label"] == "slow" && !failedOnce)
            {
                failedOnce = true;
                throw new ActionFailedException("first attempt fails");
            }

            return ValueTask.FromResult(ActionOutput.Empty);
        };
        return Set(Rule("slow", Eq("slow", true)).Do(Log("slow") with { RetryCount = 1, RetryDelay = 60 }) with { Priority = 10 }, rule);
    }

    private static RuleOutcome Outcome(PolicyEngine engine, string json) =>
        engine.ExecuteRules(Json(json), new EvaluationOptions { IncludeUnmatched = true }).Only("r").Outcome;
}
