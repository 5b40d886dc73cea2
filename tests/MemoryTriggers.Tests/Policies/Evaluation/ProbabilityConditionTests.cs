using System.Globalization;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class ProbabilityConditionTests
{
    [Theory]
    [InlineData(0.5, 0.49, true)]
    [InlineData(0.5, 0.5, false)]
    [InlineData(0.5, 0.51, false)]
    [InlineData(0.0, 0.0, false)]
    [InlineData(1.0, 0.999999, true)]
    [InlineData(0.1, 0.05, true)]
    public void Evaluate_UsesTheInjectedRandom(double probability, double draw, bool expected) =>
        Assert.Equal(expected, ConditionHarness.Evaluate(Chance(probability), "{}", TestEngines.Options(random: () => draw)));

    [Fact]
    public void Evaluate_DrawsOncePerEvaluation()
    {
        var draws = new Queue<double>([0.1, 0.9, 0.2, 0.8]);
        var engine = new PolicyEngine(Set(Rule("r", Chance(0.5))), TestEngines.Options(random: draws.Dequeue));
        var matched = new List<string>();

        var results = Enumerable.Range(0, 4).Select(_ => engine.Match(TestContexts.Json("{}"), matched)).ToList();

        Assert.Equal([1, 0, 1, 0], results);
        Assert.Empty(draws);
    }

    [Fact]
    public void Evaluate_SampleBy_SameKeySameAnswerWithoutDrawing()
    {
        var engine = new PolicyEngine(
            Set(Rule("r", Chance(0.5, "user.id"))),
            TestEngines.Options(random: () => throw new InvalidOperationException("sample_by must not draw")));

        for (var i = 0; i < 200; i++)
        {
            var json = "{\"user\": {\"id\": \"user-" + i + "\"}}";
            var first = ConditionHarness.Evaluate(engine, json);
            for (var repeat = 0; repeat < 3; repeat++)
            {
                Assert.Equal(first, ConditionHarness.Evaluate(engine, json));
            }
        }
    }

    [Theory]
    [InlineData("key-{0}", 0.1)]
    [InlineData("key-{0}", 0.25)]
    [InlineData("key-{0}", 0.5)]
    [InlineData("key-{0}", 0.9)]
    [InlineData("{0}", 0.25)]
    [InlineData("{0}", 0.9)]
    [InlineData("user-{0}", 0.01)]
    [InlineData("user-{0}", 0.05)]
    [InlineData("0f8fad5b-d9cb-469f-a165-{0:D12}", 0.2)]
    public void Evaluate_SampleBy_SelectsTheGivenShareOfKeys(string keyFormat, double probability)
    {
        var engine = new PolicyEngine(Set(Rule("r", Chance(probability, "id"))), TestEngines.Options());
        var matched = new List<string>();
        const int keys = 20_000;

        for (var i = 0; i < keys; i++)
        {
            engine.Match(new Dictionary<string, object?> { ["id"] = string.Format(CultureInfo.InvariantCulture, keyFormat, i) }, matched);
        }

        // Five standard deviations of a fair binomial draw: a correct hash fails this about once in 1.7 million runs.
        var tolerance = 5 * Math.Sqrt(probability * (1 - probability) / keys);
        Assert.InRange(matched.Count / (double)keys, probability - tolerance, probability + tolerance);
    }

    [Fact]
    public void Evaluate_SampleBy_NumberAndItsStringAreTheSameKey()
    {
        var engine = new PolicyEngine(Set(Rule("r", Chance(0.5, "id"))), TestEngines.Options());

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ConditionHarness.Evaluate(engine, "{\"id\": " + i + "}"), ConditionHarness.Evaluate(engine, "{\"id\": \"" + i + "\"}"));
        }
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"id": null}""")]
    public void Evaluate_SampleByFieldMissing_IsFalse(string json) =>
        Assert.False(ConditionHarness.Evaluate(Chance(1.0, "id"), json));

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    public void Evaluate_SampleBy_ZeroAndOneAreNeverAndAlways(double probability, bool expected)
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(expected, ConditionHarness.Evaluate(Chance(probability, "id"), "{\"id\": \"k" + i + "\"}"));
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Compile_ProbabilityOutsideZeroToOne_IsReportedAndNeverMatches(double probability)
    {
        var engine = new PolicyEngine(Set(Rule("r", Chance(probability))), TestEngines.Options(random: () => 0));

        Assert.EndsWith(".probability", Assert.Single(engine.CompilationIssues).Path, StringComparison.Ordinal);
        Assert.Equal(0, engine.Match(TestContexts.Json("{}"), new List<string>()));
    }

    [Fact]
    public void Compile_NoProbability_IsReported()
    {
        var engine = new PolicyEngine(Set(Rule("r", new PolicyCondition { Type = PolicyConditionType.Probability })), TestEngines.Options(random: () => 0));

        Assert.Single(engine.CompilationIssues);
        Assert.Equal(0, engine.Match(TestContexts.Json("{}"), new List<string>()));
    }
}
