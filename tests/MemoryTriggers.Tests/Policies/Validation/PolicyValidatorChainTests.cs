using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>chain_policy targets, self-chains and cycles between rules.</summary>
public sealed class PolicyValidatorChainTests
{
    private static string Chain(string from, params string[] targets) =>
        Rule(from, [PlainCondition], [.. targets.Select(t => $"- {{type: chain_policy, parameters: {{policy_name: {t}}}}}")]);

    private static string Leaf(string name) => Rule(name, [PlainCondition], [PlainAction]);

    [Fact]
    public void Validate_ChainToExistingRule_ReportsNothing() =>
        Assert.Empty(Yaml(File(null, Chain("a", "b"), Leaf("b"))));

    [Fact]
    public void Validate_ChainToMissingRule_ReportsChainTargetWithDidYouMean()
    {
        var issue = Yaml(File(null, Chain("a", "notify_oncall"), Leaf("notify_on_call"))).One(C.ChainTarget);

        Assert.True(issue.IsError);
        Assert.Equal("rules.a.actions[0].parameters.policy_name", issue.Path);
        Assert.Equal("did you mean 'notify_on_call'?", issue.Suggestion);
    }

    [Fact]
    public void Validate_ChainToTemplatedName_IsNotResolved() =>
        Assert.Empty(Yaml(File(null, Chain("a", "\"${handler}\""))));

    [Fact]
    public void Validate_ChainToItself_ReportsChainSelf()
    {
        var issues = Yaml(File(null, Chain("a", "a")));

        Assert.True(issues.One(C.ChainSelf).IsError);
        issues.None(C.ChainCycle);
    }

    [Fact]
    public void Validate_ThreeRuleCycle_ReportsOnceListingTheCycle()
    {
        var issues = Yaml(File(null, Chain("a", "b"), Chain("b", "c"), Chain("c", "a")));

        var issue = issues.One(C.ChainCycle);
        Assert.True(issue.IsError);
        Assert.Equal("rules.a.actions[0].parameters.policy_name", issue.Path);
        Assert.Contains("a → b → c → a", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoCyclesSharingARule_ReportsEach()
    {
        var issues = Yaml(File(null, Chain("a", "b", "c"), Chain("b", "a"), Chain("c", "a")));

        Assert.Equal(["a → b → a", "a → c → a"], issues.Only(C.ChainCycle).Select(i => i.Message.Split(": ")[1]));
    }

    [Fact]
    public void Validate_ChainsWithoutCycle_ReportNoCycle()
    {
        var issues = Yaml(File(null, Chain("a", "b", "c"), Chain("b", "c"), Leaf("c")));

        issues.None(C.ChainCycle);
        Assert.Empty(issues);
    }

    [Fact]
    public void Validate_SameChainWrittenTwice_ReportsTheCycleOnce() =>
        Assert.Single(Yaml(File(null, Chain("a", "b", "b"), Chain("b", "a"))).Only(C.ChainCycle));

    [Fact]
    public void Validate_LongCycle_ListsItsEndsAndLength()
    {
        var rules = Enumerable.Range(0, 20).Select(i => CodeRule("r" + i, actions:
            [new PolicyAction { Type = PolicyActionType.ChainPolicy, Parameters = Map(("policy_name", "r" + ((i + 1) % 20))) }])).ToArray();

        var issue = Code(rules).One(C.ChainCycle);

        Assert.Contains("r0 → r1 → r2 → r3 → r4 → r5 → … → r15 → r16 → r17 → r18 → r19 → r0 (20 rules)", issue.Message, StringComparison.Ordinal);
    }
}
