using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Shadowing under <c>match_mode: first</c>.</summary>
public sealed class PolicyValidatorShadowTests
{
    private const string First = "match_mode: first";
    private const string Severe = "- {type: equals, field: severity, value: high}";

    [Fact]
    public void Validate_AlwaysRuleBeforeAnother_WarnsTheLaterIsShadowed()
    {
        var issues = Yaml(File(First, Rule("catch_all", ["- type: always"], [PlainAction]), Rule("errors", [PlainCondition], [PlainAction])));

        var issue = issues.One(C.Shadowed);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("rules.errors", issue.Path);
        Assert.Contains("'catch_all'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EarlierConditionsSubsetOfLater_WarnsShadowed()
    {
        var issues = Yaml(File(First,
            Rule("errors", [PlainCondition], [PlainAction]),
            Rule("severe_errors", [PlainCondition, Severe], [PlainAction])));

        Assert.Contains("'errors'", issues.One(C.Shadowed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreSpecificRuleFirst_ReportsNothing() =>
        Assert.Empty(Yaml(File(First,
            Rule("severe_errors", [PlainCondition, Severe], [PlainAction]),
            Rule("errors", [PlainCondition], [PlainAction]))));

    [Fact]
    public void Validate_HigherPriorityRuleWrittenLater_IsEvaluatedFirst() =>
        Assert.Empty(Yaml(File(First,
            Rule("errors", [PlainCondition], [PlainAction]),
            Rule("severe_errors", [PlainCondition, Severe], [PlainAction], "priority: 10"))));

    [Fact]
    public void Validate_MatchModeAll_ReportsNothing() =>
        Assert.Empty(Yaml(File(null, Rule("catch_all", ["- type: always"], [PlainAction]), Rule("errors", [PlainCondition], [PlainAction]))));

    [Fact]
    public void Validate_DisabledEarlierRule_DoesNotShadow() =>
        Assert.Empty(Yaml(File(First, Rule("catch_all", ["- type: always"], [PlainAction], "enabled: false"), Rule("errors", [PlainCondition], [PlainAction]))));

    [Fact]
    public void Validate_DisabledLaterRule_IsNotReported() =>
        Assert.Empty(Yaml(File(First, Rule("catch_all", ["- type: always"], [PlainAction]), Rule("errors", [PlainCondition], [PlainAction], "enabled: false"))));

    [Theory]
    [InlineData("cooldown_period: 60")]
    [InlineData("max_executions: 3")]
    public void Validate_EarlierRuleWithLimits_DoesNotShadow(string limit) =>
        Assert.Empty(Yaml(File(First, Rule("catch_all", ["- type: always"], [PlainAction], limit), Rule("errors", [PlainCondition], [PlainAction]))));

    [Theory]
    [InlineData("- {type: rate_limit, rate_limit: 5, time_window: 60}")]
    [InlineData("- {type: probability, probability: 0.5}")]
    [InlineData("- {type: time_range, start_time: \"09:00\", end_time: \"17:00\"}")]
    public void Validate_EarlierRuleWithStatefulCondition_DoesNotShadow(string condition) =>
        Assert.Empty(Yaml(File(First,
            Rule("errors", [PlainCondition, condition], [PlainAction]),
            Rule("severe_errors", [PlainCondition, condition, Severe], [PlainAction]))));

    [Fact]
    public void Validate_LaterRuleWithOrConditions_IsNotShadowedBySubset() =>
        Assert.Empty(Yaml(File(First,
            Rule("errors", [PlainCondition], [PlainAction]),
            Rule("either", [PlainCondition, Severe], [PlainAction], "condition_operator: OR"))));

    [Fact]
    public void Validate_EarlierOrRuleSharingACondition_Shadows() =>
        Assert.Single(Yaml(File(First,
            Rule("either", [PlainCondition, Severe], [PlainAction], "condition_operator: OR"),
            Rule("severe", [Severe], [PlainAction]))).Only(C.Shadowed));

    [Fact]
    public void Validate_DifferentScopes_DoNotShadow() =>
        Assert.Empty(Yaml(File(First,
            Rule("catch_all", ["- type: always"], [PlainAction], "scope: agent"),
            Rule("errors", [PlainCondition], [PlainAction]))));

    [Fact]
    public void Validate_SameValueDifferentField_DoesNotShadow() =>
        Assert.Empty(Yaml(File(First,
            Rule("a", ["- {type: equals, field: kind, value: error}"], [PlainAction]),
            Rule("b", [PlainCondition], [PlainAction]))));
}
