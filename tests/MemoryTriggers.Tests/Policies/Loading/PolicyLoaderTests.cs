using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Policies.Loading;

/// <summary>What <see cref="PolicyLoader"/> reads from well-formed policy files: the spec's examples and every field.</summary>
public sealed class PolicyLoaderTests
{
    internal static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "policies", .. parts]);

    internal static ValueMap<object?> Map(params (string Key, object? Value)[] entries) =>
        ValueMap<object?>.From(entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));

    internal static ValueList<object?> List(params object?[] items) => ValueList<object?>.From(items);

    [Fact]
    public void LoadFile_SpecErrorHandler_GivesTheExactModel()
    {
        var path = DataFile("spec", "error-handler.yaml");

        var result = PolicyLoader.LoadFile(path);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Empty(result.Issues);
        var expected = new PolicyRule
        {
            Name = "error_handler",
            Description = "Handle error events with memory creation",
            Enabled = true,
            Priority = 100,
            Scope = PolicyScope.Global,
            Conditions = new PolicyCondition[] { new PolicyCondition { Type = PolicyConditionType.Equals, Field = "event_type", Value = "error" } },
            ConditionOperator = ConditionOperator.And,
            Actions = new PolicyAction[]
            {
                new PolicyAction
                {
                    Type = PolicyActionType.CreateMemory,
                    Priority = 1,
                    Parameters = Map(
                        ("content", "Error event: ${error_message}"),
                        ("tags", List("error", "incident")),
                        ("metadata", Map(("timestamp", "${timestamp}"), ("severity", "${severity}")))),
                },
                new PolicyAction
                {
                    Type = PolicyActionType.TriggerAlert,
                    Priority = 2,
                    Parameters = Map(("alert_type", "error"), ("message", "Memory created for error event")),
                },
            },
            MaxExecutions = null,
            CooldownPeriod = 60,
            Source = path,
        };
        Assert.Equal(expected, Assert.Single(result.Policies.Rules));
        Assert.Equal(MatchMode.All, result.Policies.MatchMode);
    }

    [Fact]
    public void LoadFile_SpecComplexErrorHandler_GivesNestedComposites()
    {
        var path = DataFile("spec", "complex-error-handler.yaml");

        var result = PolicyLoader.LoadFile(path);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        var expected = new PolicyRule
        {
            Name = "complex_error_handler",
            Source = path,
            Conditions = new PolicyCondition[]
            {
                new PolicyCondition
                {
                    Type = PolicyConditionType.CompositeAnd,
                    SubConditions = new PolicyCondition[]
                    {
                        new PolicyCondition { Type = PolicyConditionType.Equals, Field = "event_type", Value = "error" },
                        new PolicyCondition
                        {
                            Type = PolicyConditionType.CompositeOr,
                            SubConditions = new PolicyCondition[]
                            {
                                new PolicyCondition { Type = PolicyConditionType.Contains, Field = "error_message", Value = "database" },
                                new PolicyCondition { Type = PolicyConditionType.Contains, Field = "error_message", Value = "connection" },
                            },
                        },
                        new PolicyCondition { Type = PolicyConditionType.RateLimit, Field = "user_id", RateLimit = 5, TimeWindow = 300 },
                    },
                },
            },
        };
        Assert.Equal(expected, Assert.Single(result.Policies.Rules));
    }

    [Fact]
    public void LoadFile_SpecConditionalActions_ReadsEachActionsCondition()
    {
        var result = PolicyLoader.LoadFile(DataFile("spec", "conditional-actions.yaml"));

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        var actions = Assert.Single(result.Policies.Rules).Actions;
        Assert.Equal(
            [
                new PolicyAction
                {
                    Type = PolicyActionType.CreateMemory,
                    Condition = new PolicyCondition { Type = PolicyConditionType.GreaterThan, Field = "severity", Value = 3L },
                    Parameters = Map(("content", "High severity error")),
                },
                new PolicyAction
                {
                    Type = PolicyActionType.TriggerAlert,
                    Condition = new PolicyCondition { Type = PolicyConditionType.Equals, Field = "environment", Value = "production" },
                    Parameters = Map(("alert_type", "critical")),
                },
            ],
            actions.ToArray());
    }

    [Fact]
    public void LoadFile_EveryField_ReadsEachOne()
    {
        var path = DataFile("all-fields.yaml");

        var result = PolicyLoader.LoadFile(path);

        // The only issue is the key/name difference, which the file makes on purpose.
        var issue = Assert.Single(result.Issues);
        Assert.Equal((PolicyIssueCodes.NameMismatch, IssueSeverity.Warning, "rules.everything.name"), (issue.Code, issue.Severity, issue.Path));
        Assert.True(result.Valid);
        Assert.Equal(MatchMode.First, result.Policies.MatchMode);
        var expected = new PolicyRule
        {
            Name = "every_field",
            Description = "Sets every field",
            Enabled = false,
            Priority = 7,
            Scope = PolicyScope.Session,
            ConditionOperator = ConditionOperator.Or,
            MaxExecutions = 3,
            CooldownPeriod = 2.5,
            CooldownKey = "${user_id}",
            Tags = new string[] { "alpha", "beta" },
            Metadata = Map(("owner", "team-a"), ("level", 2L), ("nested", Map(("flag", true), ("items", List(1L, "two", null))))),
            Conditions = new PolicyCondition[]
            {
                new PolicyCondition
                {
                    Type = PolicyConditionType.Between,
                    Field = "metrics.latency",
                    Value = Map(("a", List(1L, 2.5))),
                    Values = List("x", 1L, true, null, List(2L), Map(("k", "v"))),
                    RegexPattern = "^err.*$",
                    MinValue = 1,
                    MaxValue = 9.5,
                    StartTime = "09:00",
                    EndTime = "17:30",
                    Days = new string[] { "mon", "tue" },
                    Timezone = "Europe/Paris",
                    RateLimit = 4,
                    TimeWindow = 60,
                    Probability = 0.25,
                    SampleBy = "user_id",
                    Negate = true,
                    SubConditions = new PolicyCondition[]
                    {
                        new PolicyCondition { Type = PolicyConditionType.Always },
                        new PolicyCondition { Type = PolicyConditionType.NotExists, Field = "x" },
                    },
                },
            },
            Actions = new PolicyAction[]
            {
                new PolicyAction
                {
                    Type = PolicyActionType.ExecuteWebhook,
                    Parameters = Map(("url", "https://example.test/hook"), ("method", "PUT"), ("headers", Map(("X-Id", "${id}"))), ("retries", 2L)),
                    Condition = new PolicyCondition { Type = PolicyConditionType.Probability, Probability = 0.5 },
                    Priority = 3,
                    RetryCount = 2,
                    RetryDelay = 0.5,
                    Timeout = 10,
                },
            },
            Source = path,
        };
        Assert.Equal(expected, Assert.Single(result.Policies.Rules));
    }

    [Fact]
    public void LoadFromString_ActionParameters_KeepTheirOrder()
    {
        const string Yaml = """
            rules:
              r:
                actions:
                  - type: log_event
                    parameters: {zeta: 1, alpha: 2, mid: {b: 1, a: 2}}
            """;

        var parameters = Assert.Single(Assert.Single(PolicyLoader.LoadFromString(Yaml).Policies.Rules).Actions).Parameters;

        Assert.Equal(["zeta", "alpha", "mid"], parameters.Keys);
        Assert.Equal(["b", "a"], ((ValueMap<object?>)parameters["mid"]!).Keys);
    }

    [Fact]
    public void LoadFromString_MinimalRule_HasTheModelDefaults()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  bare:\n    conditions: [{type: always}]\n    actions: [{type: skip}]\n", "bare.yaml");

        Assert.True(result.Valid);
        Assert.Equal(
            new PolicyRule
            {
                Name = "bare",
                Source = "bare.yaml",
                Conditions = new PolicyCondition[] { new PolicyCondition { Type = PolicyConditionType.Always } },
                Actions = new PolicyAction[] { new PolicyAction { Type = PolicyActionType.Skip } },
            },
            Assert.Single(result.Policies.Rules));
        var rule = result.Policies.Rules[0];
        Assert.Equal((true, 0, PolicyScope.Global, ConditionOperator.And), (rule.Enabled, rule.Priority, rule.Scope, rule.ConditionOperator));
        Assert.Equal((1.0, 0, (double?)null), (rule.Actions[0].RetryDelay, rule.Actions[0].RetryCount, rule.Actions[0].Timeout));
    }

    [Fact]
    public void LoadFromString_EmptyValues_MeanTheDefaults()
    {
        const string Yaml = """
            rules:
              r:
                description:
                conditions:
                  - type: equals
                    field:
                    value:
                    values:
                    days:
                    sub_conditions:
                    min_value:
                    rate_limit:
                actions:
                  - type: abort
                    parameters:
                    condition:
                    timeout:
                tags:
                metadata:
                max_executions: ~
                cooldown_period:
                cooldown_key:
            """;

        var result = PolicyLoader.LoadFromString(Yaml);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Equal(
            new PolicyRule
            {
                Name = "r",
                Conditions = new PolicyCondition[] { new PolicyCondition { Type = PolicyConditionType.Equals } },
                Actions = new PolicyAction[] { new PolicyAction { Type = PolicyActionType.Abort } },
            },
            Assert.Single(result.Policies.Rules));
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("0.0", null)]
    [InlineData("60", 60.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("null", null)]
    public void LoadFromString_CooldownPeriod_ZeroMeansNone(string written, double? expected)
    {
        var result = PolicyLoader.LoadFromString($"rules:\n  r:\n    cooldown_period: {written}\n");

        Assert.True(result.Valid);
        Assert.Equal(expected, Assert.Single(result.Policies.Rules).CooldownPeriod);
    }

    [Theory]
    [InlineData("AND", ConditionOperator.And)]
    [InlineData("and", ConditionOperator.And)]
    [InlineData("Or", ConditionOperator.Or)]
    [InlineData("OR", ConditionOperator.Or)]
    public void LoadFromString_ConditionOperator_IsCaseInsensitive(string written, ConditionOperator expected)
    {
        var result = PolicyLoader.LoadFromString($"rules:\n  r:\n    condition_operator: {written}\n");

        Assert.True(result.Valid);
        Assert.Equal(expected, Assert.Single(result.Policies.Rules).ConditionOperator);
    }

    public static TheoryData<string, PolicyConditionType> ConditionTypeNames => ByName<PolicyConditionType>();

    [Theory]
    [MemberData(nameof(ConditionTypeNames))]
    public void LoadFromString_EveryConditionTypeName_IsRead(string name, PolicyConditionType expected)
    {
        var result = PolicyLoader.LoadFromString($"rules:\n  r:\n    conditions:\n      - type: {name}\n");

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Equal(expected, Assert.Single(Assert.Single(result.Policies.Rules).Conditions).Type);
    }

    public static TheoryData<string, PolicyActionType> ActionTypeNames => ByName<PolicyActionType>();

    [Theory]
    [MemberData(nameof(ActionTypeNames))]
    public void LoadFromString_EveryActionTypeName_IsRead(string name, PolicyActionType expected)
    {
        var result = PolicyLoader.LoadFromString($"rules:\n  r:\n    actions:\n      - type: {name}\n");

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Equal(expected, Assert.Single(Assert.Single(result.Policies.Rules).Actions).Type);
    }

    [Theory]
    [InlineData("global", PolicyScope.Global)]
    [InlineData("agent", PolicyScope.Agent)]
    [InlineData("workflow", PolicyScope.Workflow)]
    [InlineData("task", PolicyScope.Task)]
    [InlineData("user", PolicyScope.User)]
    [InlineData("session", PolicyScope.Session)]
    public void LoadFromString_EveryScope_IsRead(string name, PolicyScope expected) =>
        Assert.Equal(expected, Assert.Single(PolicyLoader.LoadFromString($"rules:\n  r:\n    scope: {name}\n").Policies.Rules).Scope);

    [Fact]
    public void LoadFromString_SeveralRules_KeepFileOrderAndSource()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  c: {priority: 1}\n  a: {priority: 3}\n  b: {priority: 2}\n", "order.yaml");

        Assert.Equal(["c", "a", "b"], result.Policies.Rules.Select(r => r.Name));
        Assert.All(result.Policies.Rules, r => Assert.Equal("order.yaml", r.Source));
    }

    [Fact]
    public void LoadFromString_Document_IsKeptBySourceNameAndLocatesPaths()
    {
        const string Yaml = """
            rules:
              r:
                conditions:
                  - type: composite_or
                    sub_conditions:
                      - type: always
                      - type: matches_regex
                        regex_pattern: "(["
            """;

        var result = PolicyLoader.LoadFromString(Yaml, "located.yaml");

        var document = Assert.Single(result.Policies.Documents).Value;
        Assert.Same(document, result.Policies.Documents["located.yaml"]);
        Assert.Equal(SourceLocation.At("located.yaml", 8, 28), document.Locate("rules.r.conditions[0].sub_conditions[1].regex_pattern"));
    }

    [Fact]
    public void LoadFromString_WithoutSourceName_KeysTheDocumentByTheEmptyString()
    {
        var result = PolicyLoader.LoadFromString("rules: {}\n");

        Assert.True(result.Valid);
        Assert.Empty(result.Policies.Rules);
        Assert.True(result.Policies.Documents.ContainsKey(string.Empty));
    }

    [Theory]
    [InlineData("rules:\n")]
    [InlineData("rules: {}\n")]
    [InlineData("match_mode: first\n")]
    public void LoadFromString_NoRules_IsValidAndEmpty(string yaml)
    {
        var result = PolicyLoader.LoadFromString(yaml);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Empty(result.Policies.Rules);
    }

    [Theory]
    [InlineData("", MatchMode.All)]
    [InlineData("match_mode: all\n", MatchMode.All)]
    [InlineData("match_mode: first\n", MatchMode.First)]
    public void LoadFromString_MatchMode_IsReadWithAllAsDefault(string line, MatchMode expected)
    {
        var result = PolicyLoader.LoadFromString(line + "rules:\n  r: {priority: 1}\n");

        Assert.True(result.Valid);
        Assert.Equal(expected, result.Policies.MatchMode);
    }

    [Fact]
    public void LoadFromString_NameDiffersFromKey_WarnsAndUsesTheName()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  key_name:\n    name: real_name\n", "n.yaml");

        Assert.True(result.Valid);
        Assert.Equal("real_name", Assert.Single(result.Policies.Rules).Name);
        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueSeverity.Warning, PolicyIssueCodes.NameMismatch, "rules.key_name.name", 3, 11), (issue.Severity, issue.Code, issue.Path, issue.Line, issue.Column));
        Assert.Contains("real_name", issue.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromString_NameEqualToKey_IsSilent()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  same:\n    name: same\n");

        Assert.Empty(result.Issues);
        Assert.Equal("same", Assert.Single(result.Policies.Rules).Name);
    }

    [Fact]
    public void LoadFromString_AsyncExecution_IsIgnoredWithInformation()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  r:\n    actions:\n      - type: log_event\n        async_execution: true\n", "a.yaml");

        Assert.True(result.Valid);
        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueSeverity.Info, PolicyIssueCodes.IgnoredField, "rules.r.actions[0].async_execution", 5, 9), (issue.Severity, issue.Code, issue.Path, issue.Line, issue.Column));
        Assert.Equal(new PolicyAction { Type = PolicyActionType.LogEvent }, Assert.Single(Assert.Single(result.Policies.Rules).Actions));
    }

    [Theory]
    [InlineData("execution_count: 4")]
    [InlineData("last_execution: 2024-01-01T00:00:00")]
    public void LoadFromString_ReferenceRuntimeState_IsIgnoredWithInformation(string line)
    {
        var result = PolicyLoader.LoadFromString($"rules:\n  r:\n    {line}\n");

        Assert.True(result.Valid);
        Assert.Equal(PolicyIssueCodes.IgnoredField, Assert.Single(result.Issues).Code);
        Assert.Single(result.Policies.Rules);
    }

    [Fact]
    public void LoadFromString_QuotedScalars_StayStrings()
    {
        const string Yaml = """
            rules:
              r:
                conditions:
                  - type: equals
                    field: code
                    value: "3"
                  - type: in_list
                    field: flag
                    values: ["true", true, "null", null]
            """;

        var conditions = Assert.Single(PolicyLoader.LoadFromString(Yaml).Policies.Rules).Conditions;

        Assert.Equal("3", conditions[0].Value);
        Assert.Equal(List("true", true, "null", null), conditions[1].Values);
    }

    [Fact]
    public void LoadFromString_NullArgument_Throws() =>
        Assert.Throws<ArgumentNullException>(() => PolicyLoader.LoadFromString(null!));

    [Fact]
    public void PolicyLoadResult_Valid_MeansNoErrors()
    {
        var warning = new ValidationIssue(IssueSeverity.Warning, IssueCodes.UnknownKey, "x", "w");
        var error = new ValidationIssue(IssueSeverity.Error, IssueCodes.Type, "x", "e");

        Assert.True(new PolicyLoadResult(PolicySet.Empty, [warning]).Valid);
        Assert.False(new PolicyLoadResult(PolicySet.Empty, [warning, error]).Valid);
    }

    private static TheoryData<string, T> ByName<T>()
        where T : struct, Enum
    {
        var data = new TheoryData<string, T>();
        foreach (var value in Enum.GetValues<T>())
        {
            data.Add(MemoryTriggers.Internal.Names.ToSnakeCase(value.ToString()), value);
        }

        return data;
    }
}
