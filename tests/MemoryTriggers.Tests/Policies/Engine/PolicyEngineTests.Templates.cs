using System.Globalization;
using MemoryTriggers.Actions;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>Placeholders in action parameters, as the engine renders them.</summary>
public sealed partial class PolicyEngineTests
{
    private const string TemplateContext = """
        {
          "id": "evt-42",
          "user": { "name": "Ada", "tier": "gold" },
          "items": [ { "id": "i1", "price": 9.5 }, { "id": "i2" } ],
          "count": 3,
          "ratio": 0.25,
          "flag": true,
          "tags": ["a", "b"],
          "meta": { "k": "v", "n": 1 }
        }
        """;

    [Theory]
    [InlineData("${user.name}", "Ada")]
    [InlineData("${items.0.id}", "i1")]
    [InlineData("${items.1.id}", "i2")]
    [InlineData("Hello ${user.name} (${user.tier})", "Hello Ada (gold)")]
    [InlineData("${missing:-fallback}", "fallback")]
    [InlineData("${missing:-}", "")]
    [InlineData("${user.name:-fallback}", "Ada")]
    [InlineData("n=${count}, r=${ratio}, f=${flag}", "n=3, r=0.25, f=true")]
    [InlineData("${items.0.price} EUR", "9.5 EUR")]
    [InlineData("tags: ${tags}", "tags: [\"a\",\"b\"]")]
    [InlineData("${rule.name}", "r")]
    [InlineData("${event_id}", "evt-42")]
    [InlineData("cost $${price} for ${user.name}", "cost ${price} for Ada")]
    [InlineData("$${price}", "${price}")]
    [InlineData("no placeholders", "no placeholders")]
    public void Templates_RenderFromTheContext(string template, object expected)
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("text", template))));

        var action = engine.ExecuteRules(Json(TemplateContext)).Only("r").Actions[0];

        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal(expected, _executor.Requests[0].Parameters["text"]);
        Assert.Equal(expected, action.Parameters["text"]);
    }

    [Fact]
    public void Templates_SinglePlaceholder_KeepsTheValueType()
    {
        var engine = Engine(Rule("r").Do(Action(
            PolicyActionType.LogEvent,
            ("count", "${count}"),
            ("ratio", "${ratio}"),
            ("flag", "${flag}"),
            ("tags", "${tags}"),
            ("meta", "${meta}"),
            ("item", "${items.0}"),
            ("padded", " ${count}"))));

        engine.ExecuteRules(Json(TemplateContext));

        var parameters = _executor.Requests[0].Parameters;
        Assert.Equal(3L, parameters["count"]);
        Assert.Equal(0.25, parameters["ratio"]);
        Assert.Equal(true, parameters["flag"]);
        Assert.Equal(List("a", "b"), parameters["tags"]);
        Assert.Equal(Map(("k", "v"), ("n", 1L)), parameters["meta"]);
        Assert.Equal(Map(("id", "i1"), ("price", 9.5)), parameters["item"]);
        Assert.Equal(" 3", parameters["padded"]);
    }

    [Fact]
    public void Templates_DictionaryAndJsonContexts_RenderTheSame()
    {
        var engine = Engine(Rule("r").Do(Action(
            PolicyActionType.LogEvent,
            ("a", "${count}"),
            ("b", "${meta}"),
            ("c", "${user.name} has ${items}"),
            ("d", "${ratio}"))));

        engine.ExecuteRules(Json(TemplateContext));
        engine.ExecuteRules(Dict(TemplateContext));

        Assert.Equal(_executor.Requests[0].Parameters, _executor.Requests[1].Parameters);
    }

    [Fact]
    public void Templates_NestedParameters_RenderAtEveryLevel()
    {
        var engine = Engine(Rule("r").Do(Action(
            PolicyActionType.CreateMemory,
            ("metadata", Map(("who", "${user.name}"), ("levels", List("${count}", "static", 7)))))));

        engine.ExecuteRules(Json(TemplateContext));

        var metadata = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(_executor.Requests[0].Parameters["metadata"]);
        Assert.Equal("Ada", metadata["who"]);
        Assert.Equal([3L, "static", 7], Assert.IsAssignableFrom<IEnumerable<object?>>(metadata["levels"]));
    }

    [Fact]
    public void Templates_BuiltIns_TimestampDecisionIdEventId()
    {
        var engine = Engine(Rule("r").Do(Action(
            PolicyActionType.LogEvent,
            ("timestamp", "${timestamp}"),
            ("decision", "${decision_id}"),
            ("event", "${event_id}"),
            ("priority", "${rule.priority}"))) with { Priority = 7 });

        var decision = engine.ExecuteRules(Json("""{"x": 1}"""));

        var parameters = _executor.Requests[0].Parameters;
        Assert.Equal(TestEngines.Start, DateTimeOffset.Parse((string)parameters["timestamp"]!, CultureInfo.InvariantCulture));
        Assert.Equal(decision.DecisionId, parameters["decision"]);
        Assert.Equal(decision.DecisionId, parameters["event"]);
        Assert.Equal(7L, parameters["priority"]);
    }

    [Fact]
    public void Templates_TimestampFollowsTheEngineClock()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("at", "${timestamp}"))));

        engine.ExecuteRules(Json("{}"));
        _time.Advance(TimeSpan.FromMinutes(90));
        engine.ExecuteRules(Json("{}"));

        var times = _executor.Requests.Select(r => DateTimeOffset.Parse((string)r.Parameters["at"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([TestEngines.Start, TestEngines.Start.AddMinutes(90)], times);
    }

    [Fact]
    public void Templates_ContextFieldWinsOverBuiltInOfTheSameName()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("t", "${timestamp}"), ("e", "${event_id}"))));

        engine.ExecuteRules(Json("""{"timestamp": "from-event", "event_id": "e-1", "id": "other"}"""));

        Assert.Equal("from-event", _executor.Requests[0].Parameters["t"]);
        Assert.Equal("e-1", _executor.Requests[0].Parameters["e"]);
    }

    [Fact]
    public void Templates_EarlierActionOutput_IsAvailableToLaterActions()
    {
        var engine = Engine(Rule("r").Do(
            Action(PolicyActionType.CreateMemory, ("content", "c")),
            Action(PolicyActionType.AddTag, ("memory_id", "${actions.create_memory.memory_id}"), ("note", "tagged ${actions.create_memory.memory_id}"))));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.True(result.Succeeded);
        Assert.Equal("mem-1", _executor.Requests[1].Parameters["memory_id"]);
        Assert.Equal("tagged mem-1", _executor.Requests[1].Parameters["note"]);
    }

    [Fact]
    public void Templates_ActionOutputOfAnotherFiring_IsNotVisible()
    {
        var engine = Engine(
            Rule("a").Do(Action(PolicyActionType.CreateMemory, ("content", "c"))),
            Rule("b").Do(Action(PolicyActionType.AddTag, ("memory_id", "${actions.create_memory.memory_id}"))));

        var result = engine.ExecuteRules(Json("{}")).Only("b");

        Assert.Equal(ActionStatus.Failed, result.Actions[0].Status);
        Assert.Contains("create_memory", result.Actions[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_ActionOutputOfALaterOrSkippedAction_FailsWithAClearError()
    {
        var engine = Engine(Rule("r").Do(
            Action(PolicyActionType.CreateMemory, ("content", "c")) with { Condition = Never() },
            Action(PolicyActionType.AddTag, ("memory_id", "${actions.create_memory.memory_id}"))));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.Equal(ActionStatus.Failed, result.Actions[1].Status);
        Assert.Contains("${actions.create_memory.memory_id}", result.Actions[1].Error, StringComparison.Ordinal);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void Templates_UnknownOutputKey_FailsNamingWhatWasProduced()
    {
        var engine = Engine(Rule("r").Do(
            Action(PolicyActionType.CreateMemory, ("content", "c")),
            Action(PolicyActionType.AddTag, ("memory_id", "${actions.create_memory.id}"))));

        var error = engine.ExecuteRules(Json("{}")).Only("r").Actions[1].Error;

        Assert.Contains("${actions.create_memory.id}", error, StringComparison.Ordinal);
        Assert.Contains("memory_id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_UnresolvedPlaceholder_FailsThatActionNamingIt()
    {
        var engine = Engine(Rule("r").Do(
            Action(PolicyActionType.LogEvent, ("text", "user ${user.email} logged in")),
            Log("next")));

        var result = engine.ExecuteRules(Json(TemplateContext)).Only("r");

        Assert.True(result.Fired);
        Assert.False(result.Succeeded);
        Assert.Equal(ActionStatus.Failed, result.Actions[0].Status);
        Assert.Contains("${user.email}", result.Actions[0].Error, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Succeeded, result.Actions[1].Status);
        Assert.Equal(["next"], _executor.Labels);
    }

    [Fact]
    public void Templates_UnresolvedPlaceholderInDryRun_FailsToo()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("text", "${nope}"))));

        var action = engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true }).Only("r").Actions[0];

        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Contains("${nope}", action.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_Environment_ReadOnlyThroughTheOptionAndRedactedInResults()
    {
        var engine = Engine(
            Set(Rule("r").Do(Action(
                PolicyActionType.ExecuteWebhook,
                ("url", "https://hooks.example/${env:HOOK_PATH}"),
                ("headers", Map(("Authorization", "Bearer ${env:API_TOKEN}"))),
                ("token", "${env:API_TOKEN}"),
                ("user", "${user.name}")))),
            environment: name => name switch
            {
                "API_TOKEN" => "s3cret",
                "HOOK_PATH" => "abc",
                _ => null,
            });

        var decision = engine.ExecuteRules(Json(TemplateContext));

        var sent = _executor.Requests[0].Parameters;
        Assert.Equal("https://hooks.example/abc", sent["url"]);
        Assert.Equal("Bearer s3cret", ((IReadOnlyDictionary<string, object?>)sent["headers"]!)["Authorization"]);
        Assert.Equal("s3cret", sent["token"]);
        var shown = decision.Only("r").Actions[0].Parameters;
        Assert.Equal("https://hooks.example/***", shown["url"]);
        Assert.Equal("Bearer ***", ((IReadOnlyDictionary<string, object?>)shown["headers"]!)["Authorization"]);
        Assert.Equal("***", shown["token"]);
        Assert.Equal("Ada", shown["user"]);
        Assert.DoesNotContain("s3cret", System.Text.Json.JsonSerializer.Serialize(decision), StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_Environment_RedactedInDryRunAndOnFailure()
    {
        _executor.Behavior = (_, _) => throw new ActionFailedException("refused");
        var engine = Engine(Set(Rule("r").Do(Action(PolicyActionType.ExecuteWebhook, ("token", "${env:API_TOKEN}")))), environment: _ => "s3cret");

        var planned = engine.ExecuteRules(Json("{}"), new EvaluationOptions { DryRun = true }).Only("r").Actions[0];
        var failed = engine.ExecuteRules(Json("{}")).Only("r").Actions[0];

        Assert.Equal("***", planned.Parameters["token"]);
        Assert.Equal(ActionStatus.Failed, failed.Status);
        Assert.Equal("***", failed.Parameters["token"]);
    }

    [Fact]
    public void Templates_Environment_ValueEchoedInAnErrorOrOutput_IsRedacted()
    {
        _executor.Behavior = (request, _) => (string?)request.Parameters["label"] == "echo"
            ? ValueTask.FromResult(ActionOutput.Of(("echo", "token was " + request.Parameters["token"])))
            : throw new ActionFailedException("401 for token " + request.Parameters["token"]);
        var engine = Engine(
            Set(Rule("r").Do(
                Action(PolicyActionType.ExecuteWebhook, ("label", "echo"), ("token", "${env:API_TOKEN}")),
                Action(PolicyActionType.ExecuteWebhook, ("label", "fail"), ("token", "${env:API_TOKEN}")))),
            environment: _ => "s3cret");

        var actions = engine.ExecuteRules(Json("{}")).Only("r").Actions;

        Assert.Equal("token was ***", actions[0].Output["echo"]);
        Assert.Equal("401 for token ***", actions[1].Error);
    }

    [Fact]
    public void Templates_Environment_ProcessVariablesAreNotReadDirectly()
    {
        Assert.NotNull(Environment.GetEnvironmentVariable("PATH"));
        var engine = Engine(Set(Rule("r").Do(Action(PolicyActionType.LogEvent, ("path", "${env:PATH}")))), environment: _ => null);

        var action = engine.ExecuteRules(Json("{}")).Only("r").Actions[0];

        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Contains("${env:PATH}", action.Error, StringComparison.Ordinal);
        Assert.Empty(_executor.Requests);
    }

    [Fact]
    public void Templates_EnvironmentDefault_IsUsedWhenUnset()
    {
        var engine = Engine(Set(Rule("r").Do(Action(PolicyActionType.LogEvent, ("region", "${env:REGION:-eu-west-1}")))), environment: _ => null);

        engine.ExecuteRules(Json("{}"));

        Assert.Equal("eu-west-1", _executor.Requests[0].Parameters["region"]);
    }

    [Fact]
    public void Templates_MalformedParameterTemplate_IsReportedAndTheRuleNeverFires()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.LogEvent, ("text", "Hello ${user.name"))));

        var issue = Assert.Single(engine.CompilationIssues);
        Assert.Equal(PolicyValidationCodes.Uncompilable, issue.Code);
        Assert.Equal("rules.r.actions[0].parameters", issue.Path);
        Assert.Contains("text", issue.Message, StringComparison.Ordinal);

        // PolicyValidationCodes.Uncompilable and PolicyCompiler: a malformed template is compiled so that the rule never fires.
        Assert.Empty(engine.ExecuteRules(Json("""{"user": {"name": "Ada"}}""")).FiredRules);
        Assert.Empty(_executor.Requests);
    }
}
