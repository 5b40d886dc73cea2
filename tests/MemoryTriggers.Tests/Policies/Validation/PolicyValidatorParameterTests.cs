using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Action parameters per type: required, known, kinds, webhook URLs, content length and quality scores.</summary>
public sealed class PolicyValidatorParameterTests
{
    [Theory]
    [InlineData("create_memory", "{tags: [a]}", "content")]
    [InlineData("create_memory", "{content: \"  \"}", "content")]
    [InlineData("recall_memory", "{limit: 5}", "query")]
    [InlineData("update_memory", "{content: new}", "memory_id")]
    [InlineData("update_memory", "{memory_id: m1}", "updates")]
    [InlineData("delete_memory", "{}", "memory_id")]
    [InlineData("archive_memory", "{archive_location: cold}", "memory_id")]
    [InlineData("set_quality_score", "{memory_id: m1}", "score")]
    [InlineData("set_quality_score", "{score: 0.5}", "memory_id")]
    [InlineData("add_tag", "{memory_id: m1}", "tag")]
    [InlineData("remove_tag", "{tag: t}", "memory_id")]
    [InlineData("execute_webhook", "{method: POST}", "url")]
    [InlineData("chain_policy", "{context: {a: 1}}", "policy_name")]
    public void Validate_MissingRequiredParameter_ReportsRequiredParameterError(string type, string parameters, string missing)
    {
        var issue = WithParameters(type, parameters).One(C.RequiredParameter);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0].parameters." + missing, issue.Path);
        Assert.Contains($"'{missing}'", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create_memory", "{content: c, tags: [a, b], category: x, metadata: {k: v}, quality_score: 0.8, user_id: u, agent_id: a, run_id: r, expires_in_days: 30, importance: high}")]
    [InlineData("recall_memory", "{query: q, limit: 3, tags: t, category: c, min_quality: 0.5, user_id: u, agent_id: a}")]
    [InlineData("recall_memory", "{memory_id: m1}")]
    [InlineData("update_memory", "{memory_id: m1, updates: {content: c, tags: [a], category: x, metadata: {}, quality_score: 1}}")]
    [InlineData("update_memory", "{memory_id: m1, tags: [a]}")]
    [InlineData("delete_memory", "{memory_id: m1}")]
    [InlineData("archive_memory", "{memory_id: m1, archive_location: cold}")]
    [InlineData("set_quality_score", "{memory_id: m1, score: 0}")]
    [InlineData("add_tag", "{memory_id: 42, tag: t}")]
    [InlineData("remove_tag", "{memory_id: m1, tag: t}")]
    [InlineData("trigger_alert", "{alert_type: error, message: m, urgency: high, channels: [slack], data: {a: 1}}")]
    [InlineData("log_event", "{level: warning, message: m, fields: {a: 1}}")]
    [InlineData("execute_webhook", "{url: \"https://hooks.example.com/x\", method: put, headers: {X-Key: \"${env:KEY}\"}, data: {a: 1}}")]
    [InlineData("abort", "{}")]
    public void Validate_EveryKnownParameter_ReportsNothing(string type, string parameters) =>
        Assert.Empty(WithParameters(type, parameters));

    [Theory]
    [InlineData("trigger_alert")]
    [InlineData("log_event")]
    public void Validate_AlertOrLogWithoutMessage_WarnsDefaultIsUsed(string type)
    {
        var issue = WithParameters(type, "{}").One(C.RequiredParameter);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("rules.r.actions[0].parameters.message", issue.Path);
        Assert.Contains("default", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MisspelledParameter_WarnsWithDidYouMean()
    {
        var issues = WithParameters("create_memory", "{content: c, tgas: [a]}");

        var issue = issues.One(C.UnknownParameter);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("rules.r.actions[0].parameters.tgas", issue.Path);
        Assert.Equal("did you mean 'tags'?", issue.Suggestion);
    }

    [Fact]
    public void Validate_UnrelatedUnknownParameter_ListsTheKnownOnes() =>
        Assert.Contains("archive_location", WithParameters("archive_memory", "{memory_id: m, colour: red}").One(C.UnknownParameter).Suggestion, StringComparison.Ordinal);

    [Theory]
    [InlineData("abort")]
    [InlineData("skip")]
    public void Validate_StopActionWithParameter_WarnsItTakesNone(string type)
    {
        var issue = WithParameters(type, "{reason: done}").One(C.UnknownParameter);

        Assert.Contains("takes no parameters", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownKeyInUpdates_ReportsErrorBecauseTheActionFails()
    {
        var issue = WithParameters("update_memory", "{memory_id: m, updates: {contents: c}}").One(C.UnknownParameter);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0].parameters.updates.contents", issue.Path);
        Assert.Equal("did you mean 'content'?", issue.Suggestion);
    }

    [Theory]
    [InlineData("create_memory", "{content: c, tags: {a: 1}}", "parameters.tags")]
    [InlineData("create_memory", "{content: c, tags: [a, {b: 1}]}", "parameters.tags[1]")]
    [InlineData("create_memory", "{content: [a, b]}", "parameters.content")]
    [InlineData("create_memory", "{content: c, metadata: text}", "parameters.metadata")]
    [InlineData("recall_memory", "{query: q, limit: ten}", "parameters.limit")]
    [InlineData("set_quality_score", "{memory_id: m, score: high}", "parameters.score")]
    [InlineData("delete_memory", "{memory_id: true}", "parameters.memory_id")]
    [InlineData("chain_policy", "{policy_name: 42}", "parameters.policy_name")]
    [InlineData("update_memory", "{memory_id: m, updates: {tags: [a], metadata: 1}}", "parameters.updates.metadata")]
    public void Validate_WrongKindOfValue_ReportsParameterTypeError(string type, string parameters, string path)
    {
        var issue = WithParameters(type, parameters).One(C.ParameterType);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0]." + path, issue.Path);
    }

    [Fact]
    public void Validate_ScoreAsNumericString_WarnsToWriteANumber()
    {
        var issue = WithParameters("set_quality_score", "{memory_id: m, score: \"0.5\"}").One(C.ParameterType);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
    }

    [Theory]
    [InlineData("{memory_id: m, score: \"${quality}\"}")]
    [InlineData("{memory_id: \"${actions.create_memory.memory_id:-none}\", score: 1}")]
    public void Validate_TemplatesInTypedParameters_AreNotTypeChecked(string parameters) =>
        Assert.DoesNotContain(WithParameters("set_quality_score", parameters), i => i.Code is C.ParameterType or C.QualityScore);

    [Theory]
    [InlineData("set_quality_score", "{memory_id: m, score: 1.5}", "parameters.score")]
    [InlineData("set_quality_score", "{memory_id: m, score: -0.01}", "parameters.score")]
    [InlineData("create_memory", "{content: c, quality_score: 2}", "parameters.quality_score")]
    [InlineData("recall_memory", "{query: q, min_quality: 1.01}", "parameters.min_quality")]
    [InlineData("update_memory", "{memory_id: m, updates: {quality_score: 7}}", "parameters.updates.quality_score")]
    public void Validate_ScoreOutsideZeroToOne_ReportsQualityScoreError(string type, string parameters, string path)
    {
        var issue = WithParameters(type, parameters).One(C.QualityScore);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0]." + path, issue.Path);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.75")]
    public void Validate_ScoreWithinZeroToOne_ReportsNothing(string score) =>
        Assert.Empty(WithParameters("set_quality_score", $"{{memory_id: m, score: {score}}}"));

    [Theory]
    [InlineData("execute_webhook", "{url: \"https://x.example\", method: FETCH}", "parameters.method")]
    [InlineData("log_event", "{message: m, level: loud}", "parameters.level")]
    [InlineData("recall_memory", "{query: q, limit: 0}", "parameters.limit")]
    [InlineData("recall_memory", "{query: q, limit: 2.5}", "parameters.limit")]
    public void Validate_ValueTheActionRejects_ReportsParameterValueError(string type, string parameters, string path)
    {
        var issue = WithParameters(type, parameters).One(C.ParameterValue);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0]." + path, issue.Path);
    }

    [Theory]
    [InlineData("ftp://files.example.com/drop", "'ftp'")]
    [InlineData("file:///etc/passwd", "'file'")]
    [InlineData("hooks.example.com/memory", "not an absolute URL")]
    [InlineData("ftp://${host}/drop", "'ftp'")]
    public void Validate_WebhookUrlNotHttp_ReportsWebhookUrlError(string url, string expected)
    {
        var issue = WithParameters("execute_webhook", $"{{url: \"{url}\"}}").One(C.WebhookUrl);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0].parameters.url", issue.Path);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("HTTPS://hooks.example.com/x?y=1")]
    [InlineData("https://${host}/hook")]
    [InlineData("${env:WEBHOOK_URL}")]
    [InlineData("${base_url}/hook")]
    public void Validate_WebhookUrlHttpOrTemplate_ReportsNothing(string url) =>
        Assert.Empty(WithParameters("execute_webhook", $"{{url: \"{url}\"}}"));

    [Theory]
    [InlineData(10_001, true)]
    [InlineData(10_000, false)]
    public void Validate_LongContent_WarnsAbove10000Characters(int length, bool reported)
    {
        var action = new PolicyAction { Type = PolicyActionType.CreateMemory, Parameters = Map(("content", new string('x', length))) };

        var found = Code(CodeRule("r", actions: [action])).Only(C.ContentLong);

        Assert.Equal(reported, found.Length == 1);
        Assert.All(found, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
    }

    [Fact]
    public void Validate_ChainPolicyWithRuleAlias_IsAccepted()
    {
        var yaml = File(null,
            Rule("a", [PlainCondition], ["- {type: chain_policy, parameters: {rule: b}}"]),
            Rule("b", [PlainCondition], [PlainAction]));

        Assert.Empty(Yaml(yaml));
    }

    [Fact]
    public void Validate_CodeBuiltParametersWithPlainCollections_AreRead()
    {
        var action = new PolicyAction
        {
            Type = PolicyActionType.CreateMemory,
            Parameters = Map(("content", "c"), ("tags", new List<object?> { "a", new Dictionary<string, object?> { ["x"] = 1 } }), ("metadata", new Dictionary<string, object?> { ["note"] = "${oops" })),
        };

        var issues = Code(CodeRule("r", actions: [action]));

        Assert.Equal("rules.r.actions[0].parameters.tags[1]", issues.One(C.ParameterType).Path);
        Assert.Equal("rules.r.actions[0].parameters.metadata.note", issues.One(C.Template).Path);
    }
}
