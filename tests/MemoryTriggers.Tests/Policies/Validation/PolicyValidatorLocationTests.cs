using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Where issues point: file, line and column from the rule's document.</summary>
public sealed class PolicyValidatorLocationTests
{
    private const string Policy = """
        rules:
          error_handler:
            priority: -5
            conditions:
              - type: equals
                field: event_type
                value: error
              - type: time_range
                start_time: "25:99"
                end_time: "17:00"
            actions:
              - type: execute_webhook
                parameters:
                  url: ftp://hooks.example.com
              - type: create_memory
                parameters:
                  tags: [error]
          chained:
            conditions:
              - type: always
            actions:
              - type: chain_policy
                parameters: {policy_name: chained}
        """;

    [Fact]
    public void Validate_LoadedFile_LocatesValues()
    {
        var issues = Yaml(Policy);

        AssertAt(issues.One(C.Priority), 3, 15);
        AssertAt(issues.One(C.Time), 9, 21);
        AssertAt(issues.One(C.WebhookUrl), 14, 16);
        AssertAt(issues.One(C.ChainSelf), 23, 35);
    }

    [Fact]
    public void Validate_MissingParameter_IsLocatedAtTheParametersKey()
    {
        var issue = Yaml(Policy).One(C.RequiredParameter);

        Assert.Equal("rules.error_handler.actions[1].parameters.content", issue.Path);
        AssertAt(issue, 16, 9);
    }

    [Fact]
    public void Validate_MissingParametersMapping_IsLocatedAtTheAction()
    {
        var issue = WithActions("- type: log_event").One(C.RequiredParameter);

        AssertAt(issue, 6, 9);
    }

    [Fact]
    public void Validate_RuleLevelIssue_IsLocatedAtTheRuleKey()
    {
        var yaml = File("match_mode: first", Rule("all", ["- type: always"], [PlainAction]), Rule("later", [PlainCondition], [PlainAction]));

        AssertAt(Yaml(yaml).One(C.Shadowed), 8, 3);
    }

    [Fact]
    public void Validate_RuleWhoseNameDiffersFromItsKey_IsLocatedUnderTheKey()
    {
        var loaded = PolicyLoader.LoadFromString("rules:\n  key:\n    name: named\n    priority: -1\n    conditions: [{type: always}]\n    actions: [{type: abort}]\n", Source);

        var issue = new PolicyValidator().Validate(loaded.Policies).One(C.Priority);

        Assert.Equal("rules.named.priority", issue.Path);
        AssertAt(issue, 4, 15);
    }

    [Fact]
    public void Validate_CodeBuiltRulesWithParsedDocument_AreLocatedByPath()
    {
        var document = ConfigDocumentParser.Parse(
            "rules:\n  r:\n    conditions:\n      - {type: between, field: n, min_value: 9, max_value: 1}\n    actions:\n      - {type: delete_memory}\n",
            "doc.yaml",
            new List<ValidationIssue>());
        var rule = new PolicyRule
        {
            Name = "r",
            Source = "doc.yaml",
            Conditions = new[] { new PolicyCondition { Type = PolicyConditionType.Between, Field = "n", MinValue = 9, MaxValue = 1 } },
            Actions = new[] { new PolicyAction { Type = PolicyActionType.DeleteMemory } },
        };
        var set = new PolicySet { Rules = new[] { rule }, Documents = new Dictionary<string, ConfigDocument> { ["doc.yaml"] = document } };

        var issues = new PolicyValidator().Validate(set);

        AssertAt(issues.One(C.BetweenOrder), 4, 46, "doc.yaml");
        AssertAt(issues.One(C.RequiredParameter), 6, 9, "doc.yaml");
    }

    [Fact]
    public void Validate_RuleWithSourceButNoDocument_NamesTheFileOnly()
    {
        var issue = Code(CodeRule("r", conditions: []) with { Source = "gone.yaml" }).One(C.NoConditions);

        Assert.Equal("gone.yaml", issue.File);
        Assert.Null(issue.Line);
    }

    [Fact]
    public void Validate_DocumentLoadedWithoutSourceName_IsStillUsed()
    {
        var loaded = PolicyLoader.LoadFromString("rules:\n  r:\n    priority: -1\n    conditions: [{type: always}]\n    actions: [{type: abort}]\n");

        var issue = new PolicyValidator().Validate(loaded.Policies).One(C.Priority);

        Assert.Equal(3, issue.Line);
    }

    [Fact]
    public void Validate_IssuesOfARule_AreInFileOrder()
    {
        var issues = Yaml(Policy).Where(i => i.Path.StartsWith("rules.error_handler.", StringComparison.Ordinal)).ToArray();

        Assert.Equal(issues.OrderBy(i => i.Line).ThenBy(i => i.Column).Select(i => i.Path), issues.Select(i => i.Path));
    }

    private static void AssertAt(ValidationIssue issue, int line, int column, string file = Source)
    {
        Assert.Equal(file, issue.File);
        Assert.Equal((line, column), (issue.Line, issue.Column));
    }
}
