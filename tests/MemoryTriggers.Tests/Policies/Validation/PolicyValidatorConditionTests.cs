using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Each condition type's own fields, in rule conditions, sub-conditions and action conditions.</summary>
public sealed class PolicyValidatorConditionTests
{
    [Theory]
    [InlineData("equals")]
    [InlineData("not_equals")]
    [InlineData("contains")]
    [InlineData("not_contains")]
    [InlineData("matches_regex")]
    [InlineData("greater_than")]
    [InlineData("less_than")]
    [InlineData("between")]
    [InlineData("in_list")]
    [InlineData("not_in_list")]
    [InlineData("exists")]
    [InlineData("not_exists")]
    public void Validate_FieldBasedConditionWithoutField_ReportsMissingField(string type)
    {
        var issue = WithConditions($"- {{type: {type}, value: 1, values: [1], regex_pattern: x, min_value: 1, max_value: 2}}").One(C.MissingField);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.conditions[0].field", issue.Path);
        Assert.Contains(type, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("always")]
    [InlineData("probability: 0.5")]
    [InlineData("rate_limit: 5\n  time_window: 60")]
    public void Validate_ConditionThatNeedsNoField_ReportsNoMissingField(string body)
    {
        var yaml = body == "always" ? "- type: always" : "- type: " + body.Split(':')[0] + "\n  " + body;

        WithConditions(yaml).None(C.MissingField);
    }

    [Theory]
    [InlineData("contains")]
    [InlineData("not_contains")]
    [InlineData("greater_than")]
    [InlineData("less_than")]
    public void Validate_ComparisonWithoutValue_ReportsMissingValueError(string type)
    {
        var issue = WithConditions($"- {{type: {type}, field: message}}").One(C.MissingValue);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.conditions[0].value", issue.Path);
    }

    [Theory]
    [InlineData("equals", "not_exists")]
    [InlineData("not_equals", "exists")]
    public void Validate_EqualsWithValueLeftOut_WarnsItComparesWithNull(string type, string instead)
    {
        var issue = WithConditions($"- {{type: {type}, field: user}}").One(C.MissingValue);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Contains(instead, issue.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("equals")]
    [InlineData("not_equals")]
    public void Validate_EqualsWithExplicitNull_ReportsNothing(string type) =>
        WithConditions($"- {{type: {type}, field: user, value: null}}").None(C.MissingValue);

    [Fact]
    public void Validate_CodeBuiltEqualsNull_ReportsNothing() =>
        Code(CodeRule("r", conditions: [Eq("user", null)])).None(C.MissingValue);

    [Theory]
    [InlineData("abc")]
    [InlineData("true")]
    [InlineData("[1, 2]")]
    public void Validate_GreaterThanNonNumber_ReportsNumericValueError(string value)
    {
        var issue = WithConditions($"- {{type: greater_than, field: n, value: {value}}}").One(C.NumericValue);

        Assert.True(issue.IsError);
    }

    [Fact]
    public void Validate_LessThanNumericString_WarnsToWriteANumber()
    {
        var issues = WithConditions("- {type: less_than, field: n, value: \"5\"}");

        var issue = issues.One(C.NumericString);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Contains("write a number", issue.Suggestion, StringComparison.Ordinal);
        issues.None(C.NumericValue);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-2.5")]
    public void Validate_GreaterThanNumber_ReportsNothing(string value) =>
        Assert.Empty(WithConditions($"- {{type: greater_than, field: n, value: {value}}}"));

    [Theory]
    [InlineData("min_value: 1", "rules.r.conditions[0].max_value")]
    [InlineData("max_value: 1", "rules.r.conditions[0].min_value")]
    public void Validate_BetweenWithOneBound_ReportsBetweenError(string bound, string path)
    {
        var issue = WithConditions($"- {{type: between, field: n, {bound}}}").One(C.Between);

        Assert.Equal(path, issue.Path);
        Assert.True(issue.IsError);
    }

    [Fact]
    public void Validate_BetweenMinAboveMax_ReportsBetweenOrderError()
    {
        var issue = WithConditions("- {type: between, field: n, min_value: 10, max_value: 1}").One(C.BetweenOrder);

        Assert.True(issue.IsError);
        Assert.Contains("swap", issue.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BetweenMinEqualsMax_ReportsNothing() =>
        Assert.Empty(WithConditions("- {type: between, field: n, min_value: 3, max_value: 3}"));

    [Theory]
    [InlineData("in_list")]
    [InlineData("not_in_list")]
    public void Validate_ListConditionWithoutValues_ReportsEmptyList(string type)
    {
        Assert.True(WithConditions($"- {{type: {type}, field: s, values: []}}").One(C.EmptyList).IsError);
        WithConditions($"- {{type: {type}, field: s, values: [a]}}").None(C.EmptyList);
    }

    [Fact]
    public void Validate_RegexThatDoesNotCompile_ReportsDotNetMessage()
    {
        var issue = WithConditions("- {type: matches_regex, field: m, regex_pattern: \"(unclosed\"}").One(C.Regex);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.conditions[0].regex_pattern", issue.Path);
        Assert.Contains("(unclosed", issue.Message, StringComparison.Ordinal);
        Assert.Contains("Not enough )'s", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RegexWithoutPattern_ReportsRegexError() =>
        Assert.True(WithConditions("- {type: matches_regex, field: m}").One(C.Regex).IsError);

    [Theory]
    [InlineData("regex_pattern: '^time(out)?\\s\\d+'")]
    [InlineData("value: '^timeout'")]
    public void Validate_ValidRegex_ReportsNothing(string pattern) =>
        Assert.Empty(WithConditions($"- {{type: matches_regex, field: m, {pattern}}}"));

    [Theory]
    [InlineData(@"(\w+\s?)+(?=end)")]
    [InlineData(@"^(a+)+\1")]
    [InlineData(@"(?<=x)(.*)*y")]
    public void Validate_BacktrackingRegexWithNestedQuantifier_WarnsAboutTimeout(string pattern)
    {
        var issue = Code(CodeRule("r", conditions: [new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = "m", RegexPattern = pattern }]))
            .One(C.RegexBacktracking);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Contains("100 ms", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"(\w+\s?)+$")]
    [InlineData(@"(?=x)\w+")]
    [InlineData(@"(a|b)\1")]
    public void Validate_RegexEitherLinearOrNotNested_DoesNotWarn(string pattern) =>
        Code(CodeRule("r", conditions: [new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = "m", RegexPattern = pattern }]))
            .None(C.RegexBacktracking);

    [Theory]
    [InlineData("25:99", "start_time")]
    [InlineData("24:00", "start_time")]
    [InlineData("9am", "start_time")]
    public void Validate_TimeOutOfRange_ReportsTimeError(string time, string key)
    {
        var issue = WithConditions($"- {{type: time_range, {key}: \"{time}\", end_time: \"17:00\"}}").One(C.Time);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.conditions[0]." + key, issue.Path);
        Assert.Contains(time, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimeRangeWithoutEnd_ReportsTimeError() =>
        Assert.Equal("rules.r.conditions[0].end_time", WithConditions("- {type: time_range, start_time: \"09:00\"}").One(C.Time).Path);

    [Fact]
    public void Validate_TimeRangeAtTheEdgesOfTheDay_ReportsNothing() =>
        Assert.Empty(WithConditions("- {type: time_range, start_time: \"00:00\", end_time: \"23:59\", days: [weekdays, sat, Sunday], timezone: Europe/Berlin}"));

    [Fact]
    public void Validate_UnknownDay_ReportsDaysErrorAtTheItem()
    {
        var issue = WithConditions("- {type: time_range, start_time: \"09:00\", end_time: \"17:00\", days: [mon, funday]}").One(C.Days);

        Assert.Equal("rules.r.conditions[0].days[1]", issue.Path);
        Assert.Contains("funday", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Berln", "did you mean 'Europe/Berlin'?")]
    [InlineData("Mars/Olympus_Mons", "IANA")]
    public void Validate_UnknownTimezone_ReportsTimezoneError(string zone, string suggestion)
    {
        var issue = WithConditions($"- {{type: time_range, start_time: \"09:00\", end_time: \"17:00\", timezone: {zone}}}").One(C.Timezone);

        Assert.True(issue.IsError);
        Assert.Contains(suggestion, issue.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate_limit: 0, time_window: 60", "rules.r.conditions[0].rate_limit")]
    [InlineData("rate_limit: 5, time_window: 0", "rules.r.conditions[0].time_window")]
    [InlineData("time_window: 60", "rules.r.conditions[0].rate_limit")]
    public void Validate_RateLimitOutOfRange_ReportsRateLimitError(string fields, string path)
    {
        var issue = WithConditions($"- {{type: rate_limit, {fields}}}").One(C.RateLimit);

        Assert.Equal(path, issue.Path);
        Assert.True(issue.IsError);
    }

    [Theory]
    [InlineData("rate_limit: 101, time_window: 1", true)]
    [InlineData("rate_limit: 100, time_window: 1", false)]
    [InlineData("rate_limit: 1, time_window: 1", false)]
    [InlineData("rate_limit: 1000, time_window: 0.5", true)]
    public void Validate_RateAbove100PerSecond_WarnsRateLimitHigh(string fields, bool reported)
    {
        var issues = WithConditions($"- {{type: rate_limit, field: user_id, {fields}}}");

        Assert.Equal(reported, issues.Only(C.RateLimitHigh).Length == 1);
        Assert.All(issues.Only(C.RateLimitHigh), i => Assert.Equal(IssueSeverity.Warning, i.Severity));
        issues.None(C.RateLimit);
    }

    [Theory]
    [InlineData("probability: 1.5")]
    [InlineData("probability: -0.1")]
    [InlineData("sample_by: user_id")]
    public void Validate_ProbabilityOutOfRange_ReportsProbabilityError(string fields) =>
        Assert.True(WithConditions($"- {{type: probability, {fields}}}").One(C.Probability).IsError);

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void Validate_ProbabilityAtTheBounds_ReportsNoProbabilityError(string probability) =>
        WithConditions($"- {{type: probability, probability: {probability}}}").None(C.Probability);

    [Theory]
    [InlineData("composite_and")]
    [InlineData("composite_or")]
    public void Validate_CompositeWithoutSubConditions_ReportsCompositeEmpty(string type)
    {
        var issue = WithConditions($"- {{type: {type}, sub_conditions: []}}").One(C.CompositeEmpty);

        Assert.Equal("rules.r.conditions[0].sub_conditions", issue.Path);
        Assert.True(issue.IsError);
    }

    [Fact]
    public void Validate_SubConditionsAndActionConditions_AreCheckedWithTheirPaths()
    {
        var issues = Yaml(Rule("r",
            ["- type: composite_or", "  sub_conditions:", "    - {type: equals, field: a, value: 1}", "    - {type: composite_and, sub_conditions: [{type: in_list, field: b, values: []}]}"],
            ["- {type: log_event, parameters: {message: m}, condition: {type: greater_than, field: n, value: x}}"]));

        Assert.Equal("rules.r.conditions[0].sub_conditions[1].sub_conditions[0].values", issues.One(C.EmptyList).Path);
        Assert.Equal("rules.r.actions[0].condition.value", issues.One(C.NumericValue).Path);
    }

    [Theory]
    [InlineData(33, true)]
    [InlineData(32, false)]
    public void Validate_NestingDepth_ErrorBeyond32Levels(int levels, bool reported)
    {
        var condition = Eq("a", 1);
        for (var i = 1; i < levels; i++)
        {
            condition = And(condition);
        }

        var issues = Code(CodeRule("r", conditions: [condition]));

        var found = issues.Only(C.Nesting);
        Assert.Equal(reported, found.Length == 1);
        Assert.All(found, i => Assert.True(i.IsError));
        Assert.All(found, i => Assert.EndsWith(string.Concat(Enumerable.Repeat(".sub_conditions[0]", 32)), i.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_VeryDeepNesting_ReportsOnceWithoutOverflow()
    {
        var condition = Eq("a", 1);
        for (var i = 0; i < 5000; i++)
        {
            condition = And(condition);
        }

        var issues = Code(CodeRule("r", conditions: [condition]));

        Assert.Single(issues.Only(C.Nesting));
    }
}
