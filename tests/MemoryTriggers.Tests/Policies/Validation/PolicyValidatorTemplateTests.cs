using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Validation.Lint;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Templates in parameters, and <c>${actions.TYPE.KEY}</c> references to earlier actions.</summary>
public sealed class PolicyValidatorTemplateTests
{
    [Theory]
    [InlineData("{content: \"Error ${message\"}", "parameters.content")]
    [InlineData("{content: c, metadata: {note: \"${}\"}}", "parameters.metadata.note")]
    [InlineData("{content: c, tags: [ok, \"${tag\"]}", "parameters.tags[1]")]
    public void Validate_MalformedTemplate_ReportsTemplateErrorAtTheString(string parameters, string path)
    {
        var issue = WithParameters("create_memory", parameters).One(C.Template);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0]." + path, issue.Path);
    }

    [Theory]
    [InlineData("{content: \"${a} and ${b.c:-none} at ${timestamp}\"}")]
    [InlineData("{content: \"costs $$${price}\"}")]
    [InlineData("{content: \"literal $${not_a_placeholder\"}")]
    public void Validate_ValidTemplate_ReportsNothing(string parameters) =>
        Assert.Empty(WithParameters("create_memory", parameters));

    [Fact]
    public void Validate_ReferenceToEarlierAction_ReportsNothing() =>
        Assert.Empty(WithActions(
            "- {type: create_memory, priority: 1, parameters: {content: c}}",
            "- {type: add_tag, priority: 2, parameters: {memory_id: \"${actions.create_memory.memory_id}\", tag: t}}"));

    [Fact]
    public void Validate_ReferenceToEarlierActionByFileOrderOnTies_ReportsNothing() =>
        Assert.Empty(WithActions(
            "- {type: create_memory, parameters: {content: c}}",
            "- {type: add_tag, parameters: {memory_id: \"${actions.create_memory.memory_id}\", tag: t}}"));

    [Fact]
    public void Validate_ReferenceToActionThatRunsLater_ReportsActionReferenceError()
    {
        var issue = WithActions(
            "- {type: add_tag, priority: 2, parameters: {memory_id: \"${actions.create_memory.memory_id}\", tag: t}}",
            "- {type: create_memory, priority: 3, parameters: {content: c}}").One(C.ActionReference);

        Assert.True(issue.IsError);
        Assert.Equal("rules.r.actions[0].parameters.memory_id", issue.Path);
        Assert.Contains("create_memory runs after", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReferenceToActionWrittenLaterButRunningFirst_ReportsNothing() =>
        Assert.Empty(WithActions(
            "- {type: add_tag, priority: 2, parameters: {memory_id: \"${actions.create_memory.memory_id}\", tag: t}}",
            "- {type: create_memory, priority: 1, parameters: {content: c}}"));

    [Fact]
    public void Validate_ReferenceToOwnType_ReportsActionReferenceError() =>
        Assert.Contains("runs after", WithParameters("create_memory", "{content: \"${actions.create_memory.memory_id}\"}").One(C.ActionReference).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_ReferenceToMissingAction_NamesIt() =>
        Assert.Contains("no recall_memory action", WithParameters("create_memory", "{content: \"${actions.recall_memory.count}\"}").One(C.ActionReference).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_ReferenceToMisspelledType_SuggestsTheType() =>
        Assert.Equal("did you mean 'create_memory'?", WithParameters("log_event", "{message: \"${actions.create_memroy.memory_id}\"}").One(C.ActionReference).Suggestion);

    [Fact]
    public void Validate_ReferenceInsideNestedParameter_IsFound() =>
        Assert.Equal(
            "rules.r.actions[0].parameters.data.ids[0]",
            WithParameters("trigger_alert", "{message: m, data: {ids: [\"${actions.recall_memory.memory_ids}\"]}}").One(C.ActionReference).Path);

    [Fact]
    public void Validate_ReferenceToAbort_ReportsItHasNoOutput() =>
        Assert.Contains("has none", WithActions(
            "- {type: abort, condition: {type: exists, field: x}}",
            "- {type: log_event, parameters: {message: \"${actions.abort.reason}\"}}").One(C.ActionReference).Message, StringComparison.Ordinal);
}
