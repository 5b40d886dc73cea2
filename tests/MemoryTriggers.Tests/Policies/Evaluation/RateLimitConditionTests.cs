using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class RateLimitConditionTests
{
    /// <summary>
    /// A full window holds a rule whose other conditions are true: the outcome is
    /// <see cref="RuleOutcome.RateLimited"/> (not conditions_false), and nothing is charged.
    /// </summary>
    private const RuleOutcome Limited = RuleOutcome.RateLimited;

    private readonly FakeTimeProvider _time = new(TestEngines.Start);

    [Fact]
    public void Evaluate_AtMostLimitFiringsPerWindow()
    {
        var engine = Engine(Rule("r", Rate(3, 60)));

        var outcomes = Enumerable.Range(0, 5).Select(_ => Outcome(engine, """{}""")).ToList();

        Assert.Equal([RuleOutcome.Fired, RuleOutcome.Fired, RuleOutcome.Fired, Limited, Limited], outcomes);
    }

    [Fact]
    public void Evaluate_WindowSlides_OldFiringsStopCounting()
    {
        var engine = Engine(Rule("r", Rate(2, 60)));

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(Limited, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(Limited, Outcome(engine, "{}"));
    }

    [Fact]
    public void Evaluate_PerKey_KeysAreIndependent()
    {
        var engine = Engine(Rule("r", Rate(1, 60, "user.id")));

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": {"id": "u1"}}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": {"id": "u2"}}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": {"id": "u1"}}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": {"id": 7}}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": {"id": "7"}}"""));
    }

    [Fact]
    public void Evaluate_KeyFieldMissing_SharesOneWindow()
    {
        var engine = Engine(Rule("r", Rate(1, 60, "user_id")));

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user_id": null}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user_id": "u1"}"""));
    }

    [Fact]
    public void Evaluate_RuleWhoseOtherConditionIsFalse_ConsumesNothing()
    {
        var engine = Engine(Rule("r", Rate(2, 60, "user"), Eq("go", true)));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(RuleOutcome.ConditionsFalse, Outcome(engine, """{"user": "u", "go": false}"""));
        }

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": "u", "go": true}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": "u", "go": true}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": "u", "go": true}"""));
    }

    [Fact]
    public void Evaluate_MatchAndDryRun_ConsumeNothing()
    {
        var engine = Engine(Rule("r", Rate(1, 60)));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, engine.Match(TestContexts.Json("{}"), new List<string>()));
            Assert.True(engine.ExecuteRules(TestContexts.Json("{}"), new EvaluationOptions { DryRun = true }).Only("r").Fired);
        }

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(Limited, Outcome(engine, "{}"));
    }

    [Fact]
    public void Evaluate_BlockedByCooldown_ConsumesNothing()
    {
        var engine = Engine(Rule("r", Rate(2, 100)) with { CooldownPeriod = 10 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(RuleOutcome.Cooldown, Outcome(engine, "{}"));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(Limited, Outcome(engine, "{}"));
    }

    [Fact]
    public void Evaluate_RateLimitedFiring_DoesNotCountTowardsMaxExecutions()
    {
        var engine = Engine(Rule("r", Rate(1, 60)) with { MaxExecutions = 2 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        Assert.Equal(Limited, Outcome(engine, "{}"));
        Assert.Equal(Limited, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, "{}"));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RuleOutcome.MaxExecutions, Outcome(engine, "{}"));
    }

    [Fact]
    public void Evaluate_RateLimitedFiring_DoesNotStartACooldown()
    {
        var engine = Engine(Rule("r", Rate(1, 60, "k")) with { CooldownPeriod = 10 });

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"k": "a"}"""));
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(Limited, Outcome(engine, """{"k": "a"}"""));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"k": "b"}"""));
    }

    [Fact]
    public void Evaluate_TwoWindows_BothMustHaveRoomAndOnlyAFiringChargesThem()
    {
        var engine = Engine(Rule("r", Rate(1, 60, "user"), Rate(3, 60)));

        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": "u1"}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": "u1"}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": "u1"}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": "u2"}"""));
        Assert.Equal(RuleOutcome.Fired, Outcome(engine, """{"user": "u3"}"""));
        Assert.Equal(Limited, Outcome(engine, """{"user": "u4"}"""));
    }

    [Fact]
    public void Evaluate_RulesHaveSeparateWindows()
    {
        var engine = Engine(Rule("a", Rate(1, 60, "user")), Rule("b", Rate(1, 60, "user")));

        var first = engine.ExecuteRules(TestContexts.Json("""{"user": "u"}"""));
        var second = engine.ExecuteRules(TestContexts.Json("""{"user": "u"}"""));

        Assert.Equal(["a", "b"], first.FiredRules);
        Assert.Empty(second.FiredRules);
    }

    [Fact]
    public void Evaluate_DictionaryAndJsonContexts_ShareTheSameKey()
    {
        var engine = Engine(Rule("r", Rate(1, 60, "n")));

        Assert.Equal(RuleOutcome.Fired, engine.ExecuteRules(TestContexts.Dict("""{"n": 5}""")).Only("r").Outcome);
        Assert.Empty(engine.ExecuteRules(TestContexts.Json("""{"n": 5.0}""")).FiredRules);
    }

    [Fact]
    public void Explain_ShowsCountAndLimit()
    {
        var engine = Engine(Rule("r", Rate(2, 60, "user")));
        engine.ExecuteRules(TestContexts.Json("""{"user": "u1"}"""));

        var trace = Assert.Single(engine.ExecuteRules(TestContexts.Json("""{"user": "u1"}"""), new EvaluationOptions { Explain = true, DryRun = true }).Results[0].Conditions!);

        Assert.Equal("rate_limit", trace.Type);
        Assert.True(trace.Result);
        Assert.Equal("1 firings for key u1", trace.Actual);
        Assert.Equal("< 2 per 60 s", trace.Expected);

        engine.ExecuteRules(TestContexts.Json("""{"user": "u1"}"""));
        var full = Assert.Single(engine.ExecuteRules(TestContexts.Json("""{"user": "u1"}"""), new EvaluationOptions { Explain = true, IncludeUnmatched = true }).Results[0].Conditions!);
        Assert.False(full.Result);
        Assert.Equal("2 firings for key u1", full.Actual);
    }

    [Theory]
    [InlineData(0, 60.0)]
    [InlineData(5, 0.0)]
    [InlineData(-1, 60.0)]
    public void Compile_NonPositiveLimitOrWindow_IsReportedAndNeverMatches(int limit, double window)
    {
        var engine = Engine(Rule("r", Rate(limit, window)));

        Assert.Equal(PolicyValidationCodes.Uncompilable, Assert.Single(engine.CompilationIssues).Code);
        Assert.Equal(RuleOutcome.Error, engine.ExecuteRules(TestContexts.Json("{}"), new EvaluationOptions { IncludeUnmatched = true }).Only("r").Outcome);
    }

    private PolicyEngine Engine(params PolicyRule[] rules) => TestEngines.Create(Set(rules), new RecordingExecutor(), _time);

    private static RuleOutcome Outcome(PolicyEngine engine, string json) =>
        engine.ExecuteRules(TestContexts.Json(json), new EvaluationOptions { IncludeUnmatched = true }).Only("r").Outcome;
}
