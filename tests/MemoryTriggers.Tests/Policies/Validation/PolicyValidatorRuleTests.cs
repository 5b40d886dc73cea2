using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Rule and action settings: conditions and actions present, priorities, limits, retries, cooldown key.</summary>
public sealed class PolicyValidatorRuleTests
{
    [Fact]
    public void Validate_CleanRule_ReportsNothing()
    {
        var issues = Yaml(Rule("r", [PlainCondition], [PlainAction, "- {type: create_memory, priority: 1, parameters: {content: \"Error: ${message}\", tags: [error]}}"],
            "priority: 10", "max_executions: 1", "cooldown_period: 60", "cooldown_key: \"${user_id}\""));

        Assert.Empty(issues);
    }

    [Fact]
    public void Validate_NullSet_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new PolicyValidator().Validate(null!));

    [Fact]
    public void Validate_EmptySet_ReportsNothing() =>
        Assert.Empty(new PolicyValidator().Validate(PolicySet.Empty));

    [Fact]
    public void Validate_RuleWithoutConditions_ReportsNoConditionsError()
    {
        var issue = Code(CodeRule("r", conditions: [])).One(C.NoConditions);

        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal("rules.r.conditions", issue.Path);
        Assert.Contains("always", issue.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleWithoutActions_ReportsNoActionsError()
    {
        var issues = Code(CodeRule("r", actions: []));

        Assert.Equal(IssueSeverity.Error, issues.One(C.NoActions).Severity);
        issues.None(C.NoConditions);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Validate_RulePriority_ErrorBelowZero(int priority, bool reported)
    {
        var issues = Code(CodeRule("r") with { Priority = priority });

        Assert.Equal(reported, issues.Only(C.Priority).Length == 1);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-3, true)]
    [InlineData(1, false)]
    [InlineData(null, false)]
    public void Validate_MaxExecutions_ErrorWhenNotPositive(int? max, bool reported)
    {
        var issues = Code(CodeRule("r") with { MaxExecutions = max });

        Assert.Equal(reported, issues.Only(C.MaxExecutions).Length == 1);
    }

    [Theory]
    [InlineData(-0.5, true)]
    [InlineData(double.NaN, true)]
    [InlineData(0.0, false)]
    public void Validate_CooldownPeriod_ErrorWhenNegative(double cooldown, bool reported)
    {
        var issues = Code(CodeRule("r") with { CooldownPeriod = cooldown });

        Assert.Equal(reported, issues.Only(C.Cooldown).Length == 1);
    }

    [Theory]
    [InlineData("${user_id", "closing")]
    [InlineData("${actions.create_memory.memory_id}", "no action has run")]
    public void Validate_BadCooldownKey_ReportsCooldownKeyError(string key, string expected)
    {
        var issue = Code(CodeRule("r") with { CooldownKey = key }).One(C.CooldownKey);

        Assert.Equal("rules.r.cooldown_key", issue.Path);
        Assert.True(issue.IsError);
        Assert.Contains(expected, issue.Message + issue.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${user_id}")]
    [InlineData("${agent_id}:${env:REGION}")]
    [InlineData("global")]
    public void Validate_ValidCooldownKey_ReportsNothing(string key) =>
        Code(CodeRule("r") with { CooldownKey = key }).None(C.CooldownKey);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Validate_ActionPriority_ErrorBelowZero(int priority, bool reported)
    {
        var issues = Code(CodeRule("r", actions: [Log() with { Priority = priority }]));

        Assert.Equal(reported, issues.Only(C.ActionPriority).Length == 1);
    }

    [Fact]
    public void Validate_NegativeRetryCountAndDelay_ReportsBoth()
    {
        var issues = Yaml(Rule("r", [PlainCondition], ["- {type: log_event, retry_count: -1, retry_delay: -0.5, parameters: {message: m}}"]));

        Assert.Equal(["rules.r.actions[0].retry_count", "rules.r.actions[0].retry_delay"], issues.Only(C.Retry).Select(i => i.Path));
        Assert.All(issues.Only(C.Retry), i => Assert.True(i.IsError));
    }

    [Fact]
    public void Validate_ZeroRetries_ReportsNothing() =>
        Code(CodeRule("r", actions: [Log() with { RetryCount = 0, RetryDelay = 0 }])).None(C.Retry);

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(-2.0, true)]
    [InlineData(0.1, false)]
    public void Validate_Timeout_ErrorWhenNotPositive(double timeout, bool reported)
    {
        var issues = Code(CodeRule("r", actions: [Log() with { Timeout = timeout }]));

        Assert.Equal(reported, issues.Only(C.Timeout).Length == 1);
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(10, false)]
    public void Validate_ActionCount_WarnsAboveTen(int count, bool reported)
    {
        var issues = Code(CodeRule("r", actions: [.. Enumerable.Repeat(Log(), count)]));

        var found = issues.Only(C.TooManyActions);
        Assert.Equal(reported, found.Length == 1);
        Assert.All(found, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
    }

    [Fact]
    public void Validate_EveryIssue_HasCodePathMessageAndSuggestion()
    {
        var issues = Code(CodeRule("r", conditions: [], actions: []) with { Priority = -1, MaxExecutions = 0, CooldownKey = "${" });

        Assert.Equal(5, issues.Count);
        Assert.All(issues, i =>
        {
            Assert.StartsWith("POL-", i.Code, StringComparison.Ordinal);
            Assert.StartsWith("rules.r.", i.Path, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(i.Message));
            Assert.False(string.IsNullOrWhiteSpace(i.Suggestion));
            Assert.False(i.Location.HasPosition);
        });
    }

    [Fact]
    public void PolicyValidationCodes_AreUniqueAndPrefixed()
    {
        var codes = typeof(C).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();

        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^POL-[A-Z-]+$", c));
    }
}
