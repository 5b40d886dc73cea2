using MemoryTriggers.Policies.Templates;

namespace MemoryTriggers.Tests.Policies.Templates;

public sealed class PlaceholderTests
{
    [Theory]
    [InlineData("user.name", (int)PlaceholderKind.Context, null, "user.name")]
    [InlineData("items.0.id", (int)PlaceholderKind.Context, null, "items.0.id")]
    [InlineData("timestamp", (int)PlaceholderKind.Context, "timestamp", "timestamp")]
    [InlineData("rule.name", (int)PlaceholderKind.Context, "rule.name", "rule.name")]
    [InlineData("decision_id", (int)PlaceholderKind.Context, "decision_id", "decision_id")]
    [InlineData("event_id", (int)PlaceholderKind.Context, "event_id", "event_id")]
    [InlineData("env:API_TOKEN", (int)PlaceholderKind.Environment, "API_TOKEN", null)]
    [InlineData("actions.create_memory.memory_id", (int)PlaceholderKind.Action, "create_memory", "memory_id")]
    [InlineData("actions.recall_memory.results.0.id", (int)PlaceholderKind.Action, "recall_memory", "results.0.id")]
    [InlineData("actions.create_memory", (int)PlaceholderKind.Context, null, "actions.create_memory")]
    public void Parse_ClassifiesTheExpression(string body, int kind, string? name, string? path)
    {
        var placeholder = Placeholder.Parse(body);

        Assert.Equal((PlaceholderKind)kind, placeholder.Kind);
        Assert.Equal(name, placeholder.Name);
        Assert.Equal(path, placeholder.Path?.Text);
        Assert.Null(placeholder.Default);
    }

    [Theory]
    [InlineData("x:-fallback", "x", "fallback")]
    [InlineData("x:-", "x", "")]
    [InlineData(" x :-a b", "x", "a b")]
    [InlineData("env:HOME:-/root", "env:HOME", "/root")]
    [InlineData("x:-a:-b", "x", "a:-b")]
    public void Parse_Default_IsEverythingAfterTheFirstSeparator(string body, string expression, string fallback)
    {
        var placeholder = Placeholder.Parse(body);

        Assert.Equal(expression, placeholder.Expression);
        Assert.Equal(fallback, placeholder.Default);
    }
}
