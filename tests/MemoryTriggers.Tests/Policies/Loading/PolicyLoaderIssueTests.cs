using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Policies.Loading;

/// <summary>
/// Broken policy files: each one gives the issue a user needs, with code, severity, path, line, column and advice, and
/// the set keeps exactly the rules that had no error. <see cref="s_cases"/> is the manifest; every line of YAML is
/// written out so that positions can be counted.
/// </summary>
public sealed class PolicyLoaderIssueTests
{
    private const string Source = "case.yaml";

    private static readonly Case[] s_cases =
    [
        // Document shape.
        new("empty", "", IssueSeverity.Error, IssueCodes.EmptyDocument, "", 1, 1, "rules:"),
        new("comment-only", "# nothing yet\n", IssueSeverity.Error, IssueCodes.EmptyDocument, "", 1, 1),
        new("root-list", "- rules\n", IssueSeverity.Error, IssueCodes.NotAMapping, "", 1, 1, "rules:"),
        new("root-scalar", "just text\n", IssueSeverity.Error, IssueCodes.NotAMapping, "", 1, 1),
        new("syntax", "rules:\n  r:\n    priority: [1\n", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 4, 1),
        new("tab", "rules:\n\tr: {}\n", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 2, 1, "tabs"),
        new("two-documents", "rules:\n  ok: {}\n---\nrules: {}\n", IssueSeverity.Error, IssueCodes.MultipleDocuments, "", 3, 1, Loaded: ["ok"]),

        // The rules mapping.
        new("rules-list", "rules:\n  - name: error_handler\n    priority: 1\n", IssueSeverity.Error, IssueCodes.Type, "rules", 2, 3, "'error_handler:'"),
        new("rules-scalar", "rules: all\n", IssueSeverity.Error, IssueCodes.Type, "rules", 1, 8),
        new("rule-scalar", "rules:\n  r: 5\n  ok: {}\n", IssueSeverity.Error, IssueCodes.Type, "rules.r", 2, 6, Loaded: ["ok"]),
        new("rule-empty", "rules:\n  r:\n  ok: {}\n", IssueSeverity.Error, IssueCodes.Type, "rules.r", 2, 5, Loaded: ["ok"]),
        new("rule-list", "rules:\n  r:\n    - type: equals\n", IssueSeverity.Error, IssueCodes.Type, "rules.r", 3, 5),
        new("duplicate-rule-key", "rules:\n  r: {priority: 1}\n  r: {priority: 2}\n", IssueSeverity.Error, IssueCodes.DuplicateKey, "rules.r", 3, 3, Loaded: ["r"]),
        new("duplicate-field", "rules:\n  r:\n    priority: 1\n    priority: 2\n  ok: {}\n", IssueSeverity.Error, IssueCodes.DuplicateKey, "rules.r.priority", 4, 5, Loaded: ["ok"]),
        new("duplicate-name", "rules:\n  a: {priority: 1}\n  b:\n    name: a\n", IssueSeverity.Error, PolicyIssueCodes.DuplicateRule, "rules.b", 3, 3, "unique", Loaded: ["a"]),

        // Top level.
        new("match-mode-typo", "match_mode: firts\nrules: {}\n", IssueSeverity.Error, IssueCodes.Enum, "match_mode", 1, 13, "did you mean 'first'?"),
        new("match-mode-number", "match_mode: 1\n", IssueSeverity.Error, IssueCodes.Type, "match_mode", 1, 13, "all, first"),
        new("top-level-typo", "rule:\n  r: {}\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rule", 1, 1, "did you mean 'rules'?"),
        new("top-level-rule", "error_handler:\n  conditions: []\nrules: {}\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "error_handler", 1, 1, "under 'rules:'"),

        // Rule fields.
        new("rule-unknown-key", "rules:\n  r:\n    priorty: 5\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.priorty", 3, 5, "did you mean 'priority'?", Loaded: ["r"]),
        new("rule-condition-key", "rules:\n  r:\n    field: x\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.field", 3, 5, "'conditions'", Loaded: ["r"]),
        new("rule-singular-condition", "rules:\n  r:\n    condition: {type: always}\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.condition", 3, 5, "did you mean 'conditions'?", Loaded: ["r"]),
        new("name-number", "rules:\n  r:\n    name: 42\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.name", 3, 11, "quote it: name: \"42\""),
        new("name-blank", "rules:\n  r:\n    name: \" \"\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.name", 3, 11),
        new("description-list", "rules:\n  r:\n    description: [a]\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.description", 3, 18, "one string"),
        new("enabled-yes", "rules:\n  r:\n    enabled: yes\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.enabled", 3, 14, "YAML 1.2"),
        new("enabled-null", "rules:\n  r:\n    enabled:\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.enabled", 3, 13),
        new("priority-word", "rules:\n  r:\n    priority: high\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.priority", 3, 15),
        new("priority-quoted", "rules:\n  r:\n    priority: \"5\"\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.priority", 3, 15, "remove the quotes: priority: 5"),
        new("priority-fraction", "rules:\n  r:\n    priority: 1.5\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.priority", 3, 15, "whole number"),
        new("priority-huge", "rules:\n  r:\n    priority: 99999999999\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.priority", 3, 15, "2147483647"),
        new("scope-typo", "rules:\n  r:\n    scope: globle\n", IssueSeverity.Error, IssueCodes.Enum, "rules.r.scope", 3, 12, "did you mean 'global'?"),
        new("scope-capitalized", "rules:\n  r:\n    scope: Agent\n", IssueSeverity.Error, IssueCodes.Enum, "rules.r.scope", 3, 12, "did you mean 'agent'?"),
        new("operator-xor", "rules:\n  r:\n    condition_operator: XOR\n", IssueSeverity.Error, IssueCodes.Enum, "rules.r.condition_operator", 3, 25, "did you mean 'OR'?"),
        new("conditions-mapping", "rules:\n  r:\n    conditions:\n      type: always\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions", 4, 7, "'- '"),
        new("actions-scalar", "rules:\n  r:\n    actions: log_event\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions", 3, 14),
        new("max-executions-word", "rules:\n  r:\n    max_executions: many\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.max_executions", 3, 21, "or null"),
        new("cooldown-word", "rules:\n  r:\n    cooldown_period: 1m\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.cooldown_period", 3, 22),
        new("cooldown-infinite", "rules:\n  r:\n    cooldown_period: .inf\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.cooldown_period", 3, 22, "finite"),
        new("cooldown-key-map", "rules:\n  r:\n    cooldown_key: {a: 1}\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.cooldown_key", 3, 19),
        new("tags-scalar", "rules:\n  r:\n    tags: error\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.tags", 3, 11, "[first, second]"),
        new("tags-number-item", "rules:\n  r:\n    tags: [ok, 7]\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.tags[1]", 3, 16, "quote the item"),
        new("metadata-list", "rules:\n  r:\n    metadata: [a]\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.metadata", 3, 15, "mapping"),

        // Conditions.
        new("condition-type-typo", "rules:\n  r:\n    conditions:\n      - type: equal\n        field: a\n", IssueSeverity.Error, IssueCodes.Enum, "rules.r.conditions[0].type", 4, 15, "did you mean 'equals'?"),
        new("condition-type-missing", "rules:\n  r:\n    conditions:\n      - field: a\n        value: 1\n", IssueSeverity.Error, IssueCodes.Required, "rules.r.conditions[0].type", 4, 9, "equals"),
        new("condition-type-empty", "rules:\n  r:\n    conditions:\n      - type:\n        field: a\n", IssueSeverity.Error, IssueCodes.Required, "rules.r.conditions[0].type", 4, 14),
        new("condition-empty-flow", "rules:\n  r:\n    conditions: [{}]\n", IssueSeverity.Error, IssueCodes.Required, "rules.r.conditions[0].type", 3, 18),
        new("condition-type-number", "rules:\n  r:\n    conditions:\n      - type: 3\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].type", 4, 15),
        new("condition-scalar", "rules:\n  r:\n    conditions:\n      - always\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0]", 4, 9, "'type: always'"),
        new("condition-unknown-key", "rules:\n  r:\n    conditions:\n      - type: exists\n        feild: a\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.conditions[0].feild", 5, 9, "did you mean 'field'?", Loaded: ["r"]),
        new("min-value-quoted", "rules:\n  r:\n    conditions:\n      - type: between\n        min_value: \"5\"\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].min_value", 5, 20, "remove the quotes: min_value: 5"),
        new("max-value-quoted", "rules:\n  r:\n    conditions:\n      - type: between\n        max_value: '2.5'\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].max_value", 5, 20, "remove the quotes"),
        new("rate-limit-fraction", "rules:\n  r:\n    conditions:\n      - type: rate_limit\n        rate_limit: 2.5\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].rate_limit", 5, 21, "whole number"),
        new("time-window-word", "rules:\n  r:\n    conditions:\n      - type: rate_limit\n        time_window: 5m\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].time_window", 5, 22),
        new("probability-word", "rules:\n  r:\n    conditions:\n      - type: probability\n        probability: half\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].probability", 5, 22),
        new("start-time-number", "rules:\n  r:\n    conditions:\n      - type: time_range\n        start_time: 900\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].start_time", 5, 21, "quote it"),
        new("days-scalar", "rules:\n  r:\n    conditions:\n      - type: time_range\n        days: mon\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].days", 5, 15),
        new("values-mapping", "rules:\n  r:\n    conditions:\n      - type: in_list\n        values: {a: 1}\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].values", 5, 17),
        new("negate-string", "rules:\n  r:\n    conditions:\n      - type: always\n        negate: \"true\"\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].negate", 5, 17),
        new("regex-number", "rules:\n  r:\n    conditions:\n      - type: matches_regex\n        regex_pattern: 12\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].regex_pattern", 5, 24),
        new("sub-condition-typo",
            "rules:\n  r:\n    conditions:\n      - type: composite_or\n        sub_conditions:\n          - type: always\n          - type: contans\n            field: m\n  ok: {}\n",
            IssueSeverity.Error, IssueCodes.Enum, "rules.r.conditions[0].sub_conditions[1].type", 7, 19, "did you mean 'contains'?", Loaded: ["ok"]),
        new("sub-conditions-mapping", "rules:\n  r:\n    conditions:\n      - type: composite_and\n        sub_conditions:\n          type: always\n",
            IssueSeverity.Error, IssueCodes.Type, "rules.r.conditions[0].sub_conditions", 6, 11, "'- '"),

        // Actions.
        new("action-type-typo", "rules:\n  r:\n    actions:\n      - type: creat_memory\n", IssueSeverity.Error, IssueCodes.Enum, "rules.r.actions[0].type", 4, 15, "did you mean 'create_memory'?"),
        new("action-type-missing", "rules:\n  r:\n    actions:\n      - parameters: {content: x}\n", IssueSeverity.Error, IssueCodes.Required, "rules.r.actions[0].type", 4, 9, "create_memory"),
        new("action-scalar", "rules:\n  r:\n    actions:\n      - log_event\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0]", 4, 9, "'type: log_event'"),
        new("action-unknown-key", "rules:\n  r:\n    actions:\n      - type: abort\n        paramters: {}\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.actions[0].paramters", 5, 9, "did you mean 'parameters'?", Loaded: ["r"]),
        new("action-condition-key", "rules:\n  r:\n    actions:\n      - type: abort\n        field: a\n", IssueSeverity.Warning, IssueCodes.UnknownKey, "rules.r.actions[0].field", 5, 9, "'condition'", Loaded: ["r"]),
        new("parameters-list", "rules:\n  r:\n    actions:\n      - type: log_event\n        parameters: [a]\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].parameters", 5, 21),
        new("action-condition-list", "rules:\n  r:\n    actions:\n      - type: log_event\n        condition:\n          - type: always\n",
            IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].condition", 6, 11, "composite_and"),
        new("action-condition-typo", "rules:\n  r:\n    actions:\n      - type: log_event\n        condition: {type: greater_thn}\n",
            IssueSeverity.Error, IssueCodes.Enum, "rules.r.actions[0].condition.type", 5, 27, "did you mean 'greater_than'?"),
        new("retry-count-fraction", "rules:\n  r:\n    actions:\n      - type: abort\n        retry_count: 0.5\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].retry_count", 5, 22),
        new("retry-delay-null", "rules:\n  r:\n    actions:\n      - type: abort\n        retry_delay: null\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].retry_delay", 5, 22),
        new("timeout-quoted", "rules:\n  r:\n    actions:\n      - type: abort\n        timeout: \"30\"\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].timeout", 5, 18, "remove the quotes: timeout: 30"),
        new("action-priority-word", "rules:\n  r:\n    actions:\n      - type: abort\n        priority: first\n", IssueSeverity.Error, IssueCodes.Type, "rules.r.actions[0].priority", 5, 19),
    ];

    public static TheoryData<string> Cases => new(s_cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadFromString_BrokenFile_ReportsTheIssueAtItsLocation(string name)
    {
        // Arrange
        var c = s_cases.Single(c => c.Name == name);

        // Act
        var result = PolicyLoader.LoadFromString(c.Yaml, Source);

        // Assert
        var all = string.Join("\n", result.Issues);
        var issue = result.Issues.FirstOrDefault(i => i.Code == c.Code && i.Path == c.Path);
        Assert.True(issue is not null, $"no {c.Code} at '{c.Path}'; found:\n{all}");
        Assert.True(
            (c.Severity, c.Line, c.Column) == (issue.Severity, issue.Line ?? 0, issue.Column ?? 0),
            $"{c.Code} at '{c.Path}': expected {c.Severity} at {c.Line}:{c.Column}, found {issue.Severity} at {issue.Line}:{issue.Column}\n{all}");
        Assert.Equal(Source, issue.File);
        Assert.False(string.IsNullOrWhiteSpace(issue.Message));
        Assert.False(string.IsNullOrWhiteSpace(issue.Suggestion));
        if (c.SuggestionContains is not null)
        {
            Assert.Contains(c.SuggestionContains, issue.Suggestion, StringComparison.Ordinal);
        }

        Assert.Equal(c.Severity != IssueSeverity.Error, result.Valid);
        Assert.Equal(c.Loaded ?? [], result.Policies.Rules.Select(r => r.Name).ToArray());
    }

    [Fact]
    public void Cases_HaveUniqueNames() =>
        Assert.Equal(s_cases.Length, s_cases.Select(c => c.Name).Distinct().Count());

    [Fact]
    public void LoadFromString_SyntaxError_ReportsOnlyTheSyntaxError()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  r: {priority: 1\n", Source);

        Assert.Equal(IssueCodes.YamlSyntax, Assert.Single(result.Issues).Code);
        Assert.Empty(result.Policies.Rules);
    }

    [Fact]
    public void LoadFromString_OneRuleBroken_KeepsTheOthersAndReportsEveryProblem()
    {
        const string Yaml = """
            rules:
              first: {priority: 1}
              broken:
                priority: high
                scope: everywhere
                conditions:
                  - type: equal
                  - field: x
                actions:
                  - type: log_event
                    retry_delay: soon
              last: {priority: 3}
            """;

        var result = PolicyLoader.LoadFromString(Yaml, Source);

        Assert.Equal(["first", "last"], result.Policies.Rules.Select(r => r.Name));
        Assert.Equal(
            [
                (IssueCodes.Type, "rules.broken.priority", 4),
                (IssueCodes.Enum, "rules.broken.scope", 5),
                (IssueCodes.Enum, "rules.broken.conditions[0].type", 7),
                (IssueCodes.Required, "rules.broken.conditions[1].type", 8),
                (IssueCodes.Type, "rules.broken.actions[0].retry_delay", 11),
            ],
            result.Issues.Select(i => (i.Code, i.Path, i.Line ?? 0)));
    }

    [Fact]
    public void LoadFromString_Issues_AreInPositionOrder()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  b:\n    priority: x\n    bogus: 1\n  a:\n    scope: y\n", Source);

        var positions = result.Issues.Select(i => (i.Line ?? 0, i.Column ?? 0)).ToArray();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(3, positions.Length);
    }

    [Fact]
    public void LoadFromString_WarningsOnly_StillLoadTheRule()
    {
        var result = PolicyLoader.LoadFromString("rules:\n  r:\n    name: other\n    colour: red\n    actions:\n      - type: abort\n        async_execution: false\n", Source);

        Assert.True(result.Valid);
        Assert.Equal(
            [(IssueSeverity.Warning, PolicyIssueCodes.NameMismatch), (IssueSeverity.Warning, IssueCodes.UnknownKey), (IssueSeverity.Info, PolicyIssueCodes.IgnoredField)],
            result.Issues.Select(i => (i.Severity, i.Code)));
        Assert.Equal("other", Assert.Single(result.Policies.Rules).Name);
    }

    private sealed record Case(
        string Name,
        string Yaml,
        IssueSeverity Severity,
        string Code,
        string Path,
        int Line,
        int Column,
        string? SuggestionContains = null,
        string[]? Loaded = null);
}
