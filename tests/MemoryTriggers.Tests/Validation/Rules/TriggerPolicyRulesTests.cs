using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class TriggerPolicyRulesTests
{
    private static MemoryTriggerConfig With(TriggerPolicyConfig policy) => Development.WithPolicy(policy, "nightly");

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.3, 0.5)]
    public void Check_SuccessThresholdNotAboveFailure_ReportsError(double success, double failure) =>
        AssertIssue(Single(With(Policy with { SuccessThreshold = success, FailureThreshold = failure }), IssueCodes.TriggerThresholds), IssueSeverity.Error, "trigger_policies.nightly.success_threshold");

    [Fact]
    public void Check_SuccessThresholdJustAboveFailure_ReportsNothing() =>
        None(With(Policy with { SuccessThreshold = 0.51, FailureThreshold = 0.5 }), IssueCodes.TriggerThresholds);

    [Theory]
    [InlineData(100, 100)]
    [InlineData(500, 100)]
    public void Check_MaxContextNotAboveMin_ReportsError(int min, int max) =>
        AssertIssue(Single(With(Policy with { MinContextLength = min, MaxContextLength = max }), IssueCodes.TriggerContextLength), IssueSeverity.Error, "trigger_policies.nightly.max_context_length");

    [Fact]
    public void Check_MaxContextJustAboveMin_ReportsNothing() =>
        None(With(Policy with { MinContextLength = 100, MaxContextLength = 101 }), IssueCodes.TriggerContextLength);

    [Fact]
    public void Check_MoreThanThousandTriggersPerMinute_ReportsWarning() =>
        AssertIssue(Single(With(Policy with { MaxTriggersPerMinute = 1001 }), IssueCodes.TriggerRateHigh), IssueSeverity.Warning, "trigger_policies.nightly.max_triggers_per_minute");

    [Fact]
    public void Check_ThousandTriggersPerMinute_ReportsNothing() =>
        None(With(Policy with { MaxTriggersPerMinute = 1000 }), IssueCodes.TriggerRateHigh);

    [Fact]
    public void Check_AgentPolicyWithoutNameOrPatterns_ReportsWarning() =>
        AssertIssue(Single(With(Policy with { TriggerType = MemoryTriggerType.Agent }), IssueCodes.TriggerAgentUnscoped), IssueSeverity.Warning, "trigger_policies.nightly.agent_name");

    [Theory]
    [InlineData(MemoryTriggerType.Agent, "planner", false)]
    [InlineData(MemoryTriggerType.Agent, null, true)]
    [InlineData(MemoryTriggerType.Workflow, null, false)]
    public void Check_AgentPolicyScopedOrNotAnAgentPolicy_ReportsNothing(MemoryTriggerType type, string? agentName, bool withPatterns)
    {
        var patterns = withPatterns ? ValueList<string>.From(["error"]) : ValueList<string>.Empty;

        None(With(Policy with { TriggerType = type, AgentName = agentName, AgentTriggerPatterns = patterns }), IssueCodes.TriggerAgentUnscoped);
    }

    [Fact]
    public void Check_ProductionPolicyBelowConfidenceFloor_ReportsWarning()
    {
        var config = Production.WithPolicy(Policy with { MinTriggerConfidence = 0.69 });

        AssertIssue(Single(config, IssueCodes.TriggerProductionConfidence), IssueSeverity.Warning, "trigger_policies.nightly.min_trigger_confidence");
    }

    [Fact]
    public void Check_ProductionPolicyAtConfidenceFloor_ReportsNothing() =>
        None(Production.WithPolicy(Policy with { MinTriggerConfidence = 0.7 }), IssueCodes.TriggerProductionConfidence);

    [Fact]
    public void Check_LowConfidenceOutsideProduction_ReportsNothing() =>
        None(With(Policy with { MinTriggerConfidence = 0.1 }), IssueCodes.TriggerProductionConfidence);

    [Fact]
    public void Check_EnabledPolicyThatNeverCreates_ReportsWarning()
    {
        var policy = Policy with { CreateOnSuccess = false, CreateOnFailure = false, CreateOnError = false };

        AssertIssue(Single(With(policy), IssueCodes.TriggerNeverCreates), IssueSeverity.Warning, "trigger_policies.nightly");
    }

    [Theory]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, false, false, false)]
    public void Check_PolicyCreatesSomethingOrIsDisabled_ReportsNothing(bool enabled, bool onSuccess, bool onFailure, bool onError) =>
        None(With(Policy with { Enabled = enabled, CreateOnSuccess = onSuccess, CreateOnFailure = onFailure, CreateOnError = onError }), IssueCodes.TriggerNeverCreates);

    [Fact]
    public void Check_TwoBrokenPolicies_ReportsEachAtItsOwnPath()
    {
        var broken = Policy with { SuccessThreshold = 0.2, FailureThreshold = 0.4 };
        var config = Development.WithPolicy(broken, "first").WithPolicy(broken, "second");

        var paths = Issues(config).Where(i => i.Code == IssueCodes.TriggerThresholds).Select(i => i.Path);

        Assert.Equal(["trigger_policies.first.success_threshold", "trigger_policies.second.success_threshold"], paths);
    }
}
