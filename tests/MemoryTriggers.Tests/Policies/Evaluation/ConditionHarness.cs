using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;

namespace MemoryTriggers.Tests.Policies.Evaluation;

/// <summary>
/// Evaluates one condition as the only condition of a rule, against a context given as JSON and as
/// the equivalent dictionary, through both Match and an explained dry run; asserts all four agree.
/// </summary>
internal static class ConditionHarness
{
    public static bool Evaluate(PolicyCondition condition, string json, PolicyEngineOptions? options = null)
    {
        var engine = new PolicyEngine(PolicyBuild.Set(PolicyBuild.Rule("r", condition)), options ?? TestEngines.Options());
        Assert.Empty(engine.CompilationIssues);
        return Evaluate(engine, json);
    }

    public static bool Evaluate(PolicyEngine engine, string json)
    {
        var fromJson = engine.Match(TestContexts.Json(json), new List<string>()) == 1;
        var fromDictionary = engine.Match(TestContexts.Dict(json), new List<string>()) == 1;
        var explained = engine.ExecuteRules(TestContexts.Json(json), new EvaluationOptions { Explain = true, DryRun = true, IncludeUnmatched = true });
        var explainedDictionary = engine.ExecuteRules(TestContexts.Dict(json), new EvaluationOptions { Explain = true, DryRun = true, IncludeUnmatched = true });

        Assert.True(fromJson == fromDictionary, $"JsonElement gave {fromJson}, Dictionary gave {fromDictionary} for {json}");
        Assert.True(fromJson == explained.Results[0].Matched, $"Match gave {fromJson}, explained evaluation gave {explained.Results[0].Matched} for {json}");
        Assert.Equal(explained.Results[0].Matched, explainedDictionary.Results[0].Matched);
        Assert.Equal(explained.Results[0].Conditions, explainedDictionary.Results[0].Conditions);
        return fromJson;
    }
}
