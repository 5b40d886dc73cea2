using System.Diagnostics;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Evaluation.ConditionHarness;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class RegexConditionTests
{
    [Theory]
    [InlineData("timeout", """{"f": "Database timeout after 30s"}""", true)]
    [InlineData("^timeout", """{"f": "Database timeout after 30s"}""", false)]
    [InlineData(@"\d+s$", """{"f": "Database timeout after 30s"}""", true)]
    [InlineData("TIMEOUT", """{"f": "Database timeout"}""", false)]
    [InlineData("(?i)TIMEOUT", """{"f": "Database timeout"}""", true)]
    [InlineData(@"^[\w.+-]+@example\.com$", """{"f": "a.b+c@example.com"}""", true)]
    [InlineData(@"^[\w.+-]+@example\.com$", """{"f": "a@example.org"}""", false)]
    public void Evaluate_StringField_SearchesUnanchored(string pattern, string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Regex("f", pattern), json));

    [Theory]
    [InlineData("""{"f": 12345}""")]
    [InlineData("""{"f": true}""")]
    [InlineData("""{"f": ["12345"]}""")]
    [InlineData("""{"f": {"a": "12345"}}""")]
    [InlineData("""{"f": null}""")]
    [InlineData("""{}""")]
    public void Evaluate_NonStringField_IsFalse(string json)
    {
        Assert.False(Evaluate(Regex("f", "."), json));
        Assert.True(Evaluate(Not(Regex("f", ".")), json));
    }

    [Fact]
    public void Evaluate_PatternInValue_IsAccepted() =>
        Assert.True(Evaluate(Field(PolicyConditionType.MatchesRegex, "f", "^ab+$"), """{"f": "abbb"}"""));

    [Fact]
    public void Evaluate_Backreference_FallsBackToBacktrackingEngine() =>
        Assert.True(Evaluate(Regex("f", @"(\w)\1"), """{"f": "hello"}"""));

    [Fact]
    public void Evaluate_CatastrophicPattern_FinishesQuickly()
    {
        var input = new string('a', 5000) + "!";
        var json = "{\"f\": \"" + input + "\"}";
        var stopwatch = Stopwatch.StartNew();

        var result = Evaluate(Regex("f", "^(a+)+$"), json);

        Assert.False(result);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Compile_InvalidPattern_IsReportedAndNeverMatches()
    {
        var engine = TestEngines.Create(Set(Rule("r", Regex("f", "(unclosed"))), new RecordingExecutor());

        var issue = Assert.Single(engine.CompilationIssues);
        Assert.Equal(PolicyValidationCodes.Uncompilable, issue.Code);
        Assert.Equal("rules.r.conditions[0].regex_pattern", issue.Path);
        Assert.Contains("(unclosed", issue.Message, StringComparison.Ordinal);
        Assert.Equal(0, engine.Match(TestContexts.Json("""{"f": "(unclosed"}"""), new List<string>()));
    }

    [Fact]
    public void Compile_InvalidPatternNegated_StillNeverMatches()
    {
        var engine = TestEngines.Create(Set(Rule("r", Not(Regex("f", "[z-a]")))));

        Assert.Single(engine.CompilationIssues);
        Assert.Equal(0, engine.Match(TestContexts.Json("""{"f": "x"}"""), new List<string>()));
    }

    [Fact]
    public void Compile_NoPattern_IsReported()
    {
        var engine = TestEngines.Create(Set(Rule("r", Field(PolicyConditionType.MatchesRegex, "f"))));

        Assert.Equal("rules.r.conditions[0].regex_pattern", Assert.Single(engine.CompilationIssues).Path);
    }

    [Fact]
    public void Explain_ShowsTheFieldAndThePattern()
    {
        var engine = TestEngines.Create(Set(Rule("r", Regex("msg", "^err"))));

        var trace = Assert.Single(engine.ExecuteRules(TestContexts.Json("""{"msg": "warning"}"""), new EvaluationOptions { Explain = true, IncludeUnmatched = true }).Results[0].Conditions!);

        Assert.Equal(new ConditionTrace("rules.r.conditions[0]", "matches_regex", "msg", "\"warning\"", "/^err/", false), trace);
    }
}
