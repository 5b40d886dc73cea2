using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Evaluation.ConditionHarness;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class ConstantConditionTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"a": 1}""")]
    public void Evaluate_AlwaysTrueNeverFalse(string json)
    {
        Assert.True(Evaluate(Always(), json));
        Assert.False(Evaluate(Never(), json));
    }

    [Fact]
    public void Evaluate_Negated_Inverts()
    {
        Assert.False(Evaluate(Not(Always()), "{}"));
        Assert.True(Evaluate(Not(Never()), "{}"));
    }
}
