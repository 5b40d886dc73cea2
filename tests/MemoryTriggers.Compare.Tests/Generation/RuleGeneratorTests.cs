using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.Generation;

public sealed class RuleGeneratorTests
{
    [Theory]
    [InlineData(0.25, 2, 0.5)]
    [InlineData(0.001, 3, 0.1)]
    [InlineData(1, 5, 1)]
    public void Root_Power_IsInvertedByBisection(double x, int n, double expected) =>
        Assert.Equal(expected, RuleGenerator.Root(x, n), 9);

    [Fact]
    public void Allowed_OptionalField_OnlyAsTopLevelPositiveLeaf()
    {
        var agent = EventSchema.Fields.Single(f => f.Path == "agent");

        Assert.True(RuleGenerator.Allowed(agent, ConditionKind.Equals, topLevel: true));
        Assert.True(RuleGenerator.Allowed(agent, ConditionKind.Regex, topLevel: true));
        Assert.False(RuleGenerator.Allowed(agent, ConditionKind.NotEquals, topLevel: true));
        Assert.False(RuleGenerator.Allowed(agent, ConditionKind.Equals, topLevel: false));
    }

    [Fact]
    public void Allowed_NestedLeaves_OnlyOnPathsTwoToFourDeep()
    {
        var channel = EventSchema.Fields.Single(f => f.Path == "channel");
        var kind = EventSchema.Fields.Single(f => f.Path == "message.meta.source.kind");

        Assert.False(RuleGenerator.Allowed(channel, ConditionKind.Equals, topLevel: false));
        Assert.True(RuleGenerator.Allowed(kind, ConditionKind.NotEquals, topLevel: false));
        Assert.False(RuleGenerator.Allowed(kind, ConditionKind.GreaterThan, topLevel: true));
    }
}
