using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>The specification's "Policy Engine Usage" example, written in C# the way a user would.</summary>
public sealed class PolicyEngineSpecExampleTests
{
    [Fact]
    public void AddRuleThenExecuteRules_SpecExample_CreatesTheMemory()
    {
        // Arrange
        var store = new InMemoryMemoryStore();
        var engine = new PolicyEngine(PolicySet.Empty, new PolicyEngineOptions { Executors = [new MemoryActionExecutor(store)] });
        var rule = new PolicyRule
        {
            Name = "error_memory_trigger",
            Description = "Create memory for error events",
            Conditions = [new PolicyCondition { Type = PolicyConditionType.Equals, Field = "event_type", Value = "error" }],
            Actions =
            [
                new PolicyAction
                {
                    Type = PolicyActionType.CreateMemory,
                    Parameters = new Dictionary<string, object?> { ["content"] = "Error event occurred", ["tags"] = new[] { "error", "incident" } },
                },
            ],
        };

        // Act
        engine.AddRule(rule);
        var context = new Dictionary<string, object?> { ["event_type"] = "error", ["message"] = "Database connection failed" };
        var results = engine.ExecuteRules(context);

        // Assert
        var fired = Assert.Single(results.Results);
        Assert.True(fired.Fired);
        var action = Assert.Single(fired.Actions);
        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void AddRule_InvalidRule_ThrowsWithIssuesAndKeepsTheRules()
    {
        var engine = new PolicyEngine();
        var broken = new PolicyRule { Name = "broken", Conditions = [new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = "m", RegexPattern = "([" }] };

        var error = Assert.Throws<PolicyValidationException>(() => engine.AddRule(broken));

        Assert.Contains(error.Issues, i => i.Path.StartsWith("rules.broken", StringComparison.Ordinal));
        Assert.Empty(engine.Policies.Rules);
    }

    [Fact]
    public void RemoveRule_ChainTarget_ThrowsAndKeepsIt()
    {
        var engine = new PolicyEngine();
        engine.AddRule(new PolicyRule { Name = "target", Conditions = [new PolicyCondition { Type = PolicyConditionType.Always }], Actions = [new PolicyAction { Type = PolicyActionType.Abort }] });
        engine.AddRule(new PolicyRule
        {
            Name = "source",
            Conditions = [new PolicyCondition { Type = PolicyConditionType.Always }],
            Actions = [new PolicyAction { Type = PolicyActionType.ChainPolicy, Parameters = new Dictionary<string, object?> { ["policy_name"] = "target" } }],
        });

        Assert.Throws<PolicyValidationException>(() => engine.RemoveRule("target"));
        Assert.NotNull(engine.Policies.Find("target"));
        Assert.True(engine.RemoveRule("source"));
        Assert.False(engine.RemoveRule("source"));
    }
}
