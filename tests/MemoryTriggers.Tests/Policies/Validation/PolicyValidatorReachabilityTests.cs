using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Rules, branches and actions that can never run; contradictory conditions.</summary>
public sealed class PolicyValidatorReachabilityTests
{
    [Fact]
    public void Validate_NeverUnderAnd_WarnsRuleNeverFires()
    {
        var issue = WithConditions(PlainCondition, "- type: never").One(C.NeverFires);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("rules.r.conditions[1]", issue.Path);
        Assert.Contains("can never fire", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllNeverUnderOr_WarnsRuleNeverFires()
    {
        var yaml = Rule("r", ["- type: never", "- {type: probability, probability: 0}"], [PlainAction], "condition_operator: OR");

        Assert.Equal("rules.r.conditions", Yaml(yaml).One(C.NeverFires).Path);
    }

    [Fact]
    public void Validate_OneNeverUnderOr_ReportsNothing() =>
        Assert.Empty(Yaml(Rule("r", ["- type: never", PlainCondition], [PlainAction], "condition_operator: OR")));

    [Theory]
    [InlineData("- {type: always, negate: true}")]
    [InlineData("- {type: time_range, start_time: \"10:00\", end_time: \"10:00\"}")]
    [InlineData("- {type: composite_and, sub_conditions: [{type: equals, field: a, value: 1}, {type: never}]}")]
    public void Validate_ConditionThatIsNeverTrue_WarnsRuleNeverFires(string condition) =>
        Assert.Single(WithConditions(condition).Only(C.NeverFires));

    [Theory]
    [InlineData("- {type: never, negate: true}")]
    [InlineData("- {type: composite_or, sub_conditions: [{type: equals, field: a, value: 1}, {type: never}]}")]
    [InlineData("- {type: composite_and, negate: true, sub_conditions: [{type: never}]}")]
    public void Validate_ConditionThatCanBeTrue_ReportsNothing(string condition) =>
        Assert.Empty(WithConditions(condition));

    [Fact]
    public void Validate_DeadCompositeAndUnderOr_WarnsAtTheComposite()
    {
        var yaml = Rule("r", [PlainCondition, "- {type: composite_and, sub_conditions: [{type: exists, field: a}, {type: never}]}"], [PlainAction], "condition_operator: OR");

        var issue = Yaml(yaml).One(C.NeverFires);

        Assert.Equal("rules.r.conditions[1]", issue.Path);
        Assert.Contains("sub_conditions[1]", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ActionConditionNever_WarnsTheActionNeverRuns() =>
        Assert.Equal("rules.r.actions[0].condition", WithActions("- {type: log_event, parameters: {message: m}, condition: {type: never}}").One(C.NeverFires).Path);

    [Fact]
    public void Validate_ActionsAfterUnconditionalAbort_WarnsEachUnreachable()
    {
        var issues = WithActions(
            "- {type: log_event, priority: 1, parameters: {message: before}}",
            "- {type: abort, priority: 2}",
            "- {type: create_memory, priority: 3, parameters: {content: c}}",
            "- {type: log_event, priority: 3, parameters: {message: after}}");

        var found = issues.Only(C.UnreachableAction);
        Assert.Equal(["rules.r.actions[2]", "rules.r.actions[3]"], found.Select(i => i.Path));
        Assert.All(found, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
        Assert.Contains("abort", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SkipThatRunsLastByPriority_ReportsNothing() =>
        Assert.Empty(WithActions("- {type: skip, priority: 5}", "- {type: log_event, priority: 1, parameters: {message: m}}"));

    [Fact]
    public void Validate_ConditionalAbort_ReportsNothing() =>
        Assert.Empty(WithActions("- {type: abort, condition: {type: equals, field: dry_run, value: true}}", PlainAction));

    [Theory]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: equals, field: status, value: closed}")]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: not_equals, field: status, value: open}")]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: in_list, field: status, values: [closed, merged]}")]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: not_in_list, field: status, values: [open]}")]
    [InlineData("- {type: greater_than, field: n, value: 10}", "- {type: less_than, field: n, value: 5}")]
    [InlineData("- {type: greater_than, field: n, value: 10}", "- {type: less_than, field: n, value: 10}")]
    [InlineData("- {type: between, field: n, min_value: 1, max_value: 5}", "- {type: between, field: n, min_value: 6, max_value: 9}")]
    [InlineData("- {type: equals, field: n, value: 3}", "- {type: greater_than, field: n, value: 3}")]
    [InlineData("- {type: exists, field: user}", "- {type: not_exists, field: user}")]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: equals, field: status, value: open, negate: true}")]
    public void Validate_ContradictoryConditionsUnderAnd_WarnsContradiction(string first, string second)
    {
        var issue = WithConditions(first, second).One(C.Contradiction);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("rules.r.conditions[1]", issue.Path);
        Assert.Contains("conditions[0]", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- {type: equals, field: n, value: 1}", "- {type: equals, field: n, value: \"1\"}")]
    [InlineData("- {type: equals, field: status, value: open}", "- {type: in_list, field: status, values: [open, closed]}")]
    [InlineData("- {type: greater_than, field: n, value: 5}", "- {type: less_than, field: n, value: 10}")]
    [InlineData("- {type: between, field: n, min_value: 1, max_value: 5}", "- {type: between, field: n, min_value: 5, max_value: 9}")]
    [InlineData("- {type: equals, field: a, value: x}", "- {type: equals, field: b, value: y}")]
    [InlineData("- {type: greater_than, field: n, value: 10, negate: true}", "- {type: greater_than, field: n, value: 20}")]
    public void Validate_CompatibleConditions_ReportNoContradiction(string first, string second) =>
        WithConditions(first, second).None(C.Contradiction);

    [Fact]
    public void Validate_ContradictionUnderOr_ReportsNothing() =>
        Yaml(Rule("r", ["- {type: equals, field: s, value: a}", "- {type: equals, field: s, value: b}"], [PlainAction], "condition_operator: OR")).None(C.Contradiction);

    [Fact]
    public void Validate_ContradictionInsideCompositeAndUnderOr_WarnsForTheComposite()
    {
        var yaml = Rule("r",
            [PlainCondition, "- {type: composite_and, sub_conditions: [{type: greater_than, field: n, value: 5}, {type: less_than, field: n, value: 1}]}"],
            [PlainAction], "condition_operator: OR");

        var issue = Yaml(yaml).One(C.Contradiction);

        Assert.Equal("rules.r.conditions[1].sub_conditions[1]", issue.Path);
        Assert.Contains("composite_and can never be true", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ContradictionAcrossNestedAnd_IsFound() =>
        Assert.Equal(
            "rules.r.conditions[1].sub_conditions[0]",
            WithConditions("- {type: equals, field: s, value: a}", "- {type: composite_and, sub_conditions: [{type: equals, field: s, value: b}]}").One(C.Contradiction).Path);

    [Fact]
    public void Validate_SeveralContradictionsOnOneField_ReportOnce() =>
        Assert.Single(WithConditions("- {type: equals, field: s, value: a}", "- {type: equals, field: s, value: b}", "- {type: equals, field: s, value: c}").Only(C.Contradiction));

    [Fact]
    public void Validate_ContradictionInCodeBuiltRule_IsFound() =>
        Assert.Single(Code(CodeRule("r", conditions: [Eq("s", true), Eq("s", "true")])).Only(C.Contradiction));
}
