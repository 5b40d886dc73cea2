using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

public sealed class PolicyCompilerTests
{
    [Fact]
    public void Compile_ValidSet_NoIssues()
    {
        var (_, issues) = Compile(
            Rule("r", Eq("a", 1), Regex("b", "^x"), Time("09:00", "17:00", "Europe/Berlin", "weekdays"), Rate(5, 60, "u"), Chance(0.5, "u"), And(Exists("c"), Or(Never(), Always())))
                .Do(Action(PolicyActionType.LogEvent, ("text", "${a} ${b:-none}")) with { Condition = Between("n", 1, 2) }) with { CooldownKey = "${u}" });

        Assert.Empty(issues);
    }

    [Fact]
    public void Compile_EveryIssue_IsAnErrorWithCodePathAndSuggestion()
    {
        var (_, issues) = Compile(Rule("r", Gt("a", "x"), And(Regex("b", "(")), Time("9am", "17:00")).Do(Action(PolicyActionType.LogEvent, ("text", "${"))));

        Assert.Equal(
            ["rules.r.conditions[0].value", "rules.r.conditions[1].sub_conditions[0].regex_pattern", "rules.r.conditions[2].start_time", "rules.r.actions[0].parameters"],
            issues.Select(i => i.Path));
        Assert.All(issues, issue =>
        {
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.Equal(PolicyValidationCodes.Uncompilable, issue.Code);
            Assert.False(string.IsNullOrEmpty(issue.Suggestion));
        });
    }

    [Theory]
    [InlineData((int)PolicyConditionType.Equals)]
    [InlineData((int)PolicyConditionType.Contains)]
    [InlineData((int)PolicyConditionType.Exists)]
    [InlineData((int)PolicyConditionType.InList)]
    [InlineData((int)PolicyConditionType.MatchesRegex)]
    public void Compile_FieldConditionWithoutField_IsReportedAndNeverMatches(int type)
    {
        var condition = new PolicyCondition { Type = (PolicyConditionType)type, Value = "x", RegexPattern = "x" };
        var engine = new PolicyEngine(Set(Rule("r", condition), Rule("negated", Not(condition))), TestEngines.Options());

        Assert.Equal(2, engine.CompilationIssues.Count);
        Assert.All(engine.CompilationIssues, i => Assert.EndsWith(".field", i.Path, StringComparison.Ordinal));
        Assert.Equal(0, engine.Match(TestContexts.Json("""{"x": "x"}"""), new List<string>()));
    }

    [Fact]
    public void Compile_BadConditionOfAnAction_TheRuleNeverFires()
    {
        var executor = new RecordingExecutor();
        var engine = new PolicyEngine(Set(Rule("r").Do(Log("bad") with { Condition = Regex("a", "[") }, Log("good"))), TestEngines.Options(executor));

        var result = engine.ExecuteRules(TestContexts.Json("""{"a": "["}"""), new EvaluationOptions { IncludeUnmatched = true }).Only("r");

        Assert.Equal("rules.r.actions[0].condition.regex_pattern", Assert.Single(engine.CompilationIssues).Path);
        Assert.Equal(RuleOutcome.Error, result.Outcome);
        Assert.Contains("invalid regular expression", result.Reason, StringComparison.Ordinal);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public void Compile_OneBadConditionAmongGoodOnes_TheRuleNeverFires()
    {
        // An OR with a broken branch must not fire through its other branch: the whole rule is refused.
        var engine = new PolicyEngine(
            Set(Rule("r", Eq("a", 1), Regex("b", "(")) with { ConditionOperator = ConditionOperator.Or }, Rule("ok", Eq("a", 1))),
            TestEngines.Options());

        Assert.Equal(["ok"], engine.ExecuteRules(TestContexts.Json("""{"a": 1}""")).FiredRules);
        Assert.Equal(["ok"], Matched(engine, """{"a": 1}"""));
    }

    [Fact]
    public void Compile_RateLimitInAnActionCondition_IsRefused()
    {
        var executor = new RecordingExecutor();
        var engine = new PolicyEngine(Set(Rule("r").Do(Log("always"), Log("limited") with { Condition = Or(Never(), Rate(1, 60)) })), TestEngines.Options(executor));

        Assert.Equal("rules.r.actions[1].condition", Assert.Single(engine.CompilationIssues).Path);
        Assert.Empty(engine.ExecuteRules(TestContexts.Json("{}")).FiredRules);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public void Compile_ActionPaths_UseFileIndexesWhateverTheRunOrder()
    {
        var (compiled, issues) = Compile(Rule("r").Do(Log("late", 5), Action(PolicyActionType.LogEvent, ("text", "${")) with { Priority = 1 }));

        Assert.Equal("rules.r.actions[1].parameters", Assert.Single(issues).Path);
        Assert.Equal([1, 5], compiled.Ordered[0].Actions.Select(a => a.Action.Priority));
    }

    [Fact]
    public void Compile_RateLimitSlots_AreNumberedAcrossTheRule()
    {
        var (compiled, _) = Compile(Rule("r", Rate(1, 60), Or(Rate(2, 60, "u"), Always()), Rate(3, 60)));

        Assert.Equal([0, 1, 2], compiled.Ordered[0].RateLimits.Select(r => r.Slot));
    }

    [Theory]
    [InlineData("r", "")]
    [InlineData("my_key", "    name: r\n")]
    public void Compile_IssueOfARuleFromAFile_IsLocatedAtTheBadValue(string key, string nameLine)
    {
        var yaml = "rules:\n  " + key + ":\n" + nameLine + "    conditions:\n      - type: matches_regex\n        field: a\n        regex_pattern: \"(\"\n";
        var document = ConfigDocumentParser.Parse(yaml, "policies/a.yaml", new List<ValidationIssue>());
        var set = new PolicySet
        {
            Rules = new[] { Rule("r", Regex("a", "(")) with { Source = "policies/a.yaml" } },
            Documents = new Dictionary<string, ConfigDocument> { ["policies/a.yaml"] = document },
        };

        var issue = Assert.Single(new PolicyEngine(set, TestEngines.Options()).CompilationIssues);

        Assert.Equal("policies/a.yaml", issue.File);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("regex_pattern", StringComparison.Ordinal)) + 1, issue.Line);
    }

    private static List<string> Matched(PolicyEngine engine, string json)
    {
        var matched = new List<string>();
        engine.Match(TestContexts.Json(json), matched);
        return matched;
    }

    private static (CompiledPolicySet Compiled, List<ValidationIssue> Issues) Compile(params PolicyRule[] rules)
    {
        var issues = new List<ValidationIssue>();
        var compiled = new PolicyCompiler(name => new RuleRuntime(name, TimeProvider.System, () => 0.5, new InMemoryPolicyStateStore(), new RuleCounters()), issues).Compile(Set(rules));
        return (compiled, issues);
    }
}
