using MemoryTriggers.Configuration;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation.Rules;

/// <summary>The base configurations of the rule tests must be clean, or a "does not trip" test proves nothing.</summary>
public sealed class RuleTestConfigsTests
{
    [Fact]
    public void Development_AllRules_ReportNothing() =>
        Assert.Empty(RuleTestConfigs.Issues(RuleTestConfigs.Development));

    [Fact]
    public void Production_AllRules_ReportNothing() =>
        Assert.Empty(RuleTestConfigs.Issues(RuleTestConfigs.Production));

    [Fact]
    public void Policy_InProductionAndDevelopment_ReportsNothing()
    {
        Assert.Empty(RuleTestConfigs.Issues(RuleTestConfigs.Production.WithPolicy(RuleTestConfigs.Policy)));
        Assert.Empty(RuleTestConfigs.Issues(RuleTestConfigs.Development.WithPolicy(RuleTestConfigs.Policy)));
    }

    [Fact]
    public void DevelopmentPreset_AllRules_ReportNothing() =>
        Assert.Empty(RuleTestConfigs.Issues(EnvironmentPresets.Get(Env.Development)));
}
