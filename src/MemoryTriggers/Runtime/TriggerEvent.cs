using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Runtime;

/// <summary>
/// Something that happened in an agent framework and may be worth remembering: a workflow finished,
/// an agent failed, a user gave feedback. Read from JSON with <see cref="TriggerEventReader"/>.
/// </summary>
public sealed record TriggerEvent
{
    /// <summary>
    /// Gets the event's id. Through the background queue, a replay of an accepted event (after a crash) creates no
    /// second memory (the id is the idempotency key); a direct <c>ProcessAsync</c> call does not look at it.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>Gets what kind of trigger this is; it selects the feature toggle and the trigger policies that apply.</summary>
    public required MemoryTriggerType TriggerType { get; init; }

    /// <summary>Gets when the event happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the agent that raised the event, if any.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the workflow the event belongs to, if any.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>Gets the task the event belongs to, if any.</summary>
    public string? TaskId { get; init; }

    /// <summary>Gets the user the event concerns, if any.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the session the event belongs to, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets whether the operation succeeded, if the event says.</summary>
    public bool? Success { get; init; }

    /// <summary>Gets how sure the source is that the event is meaningful, in [0, 1], if given.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets the quality of what the event would be remembered as, in [0, 1], if given.</summary>
    public double? QualityScore { get; init; }

    /// <summary>Gets the event's own data, a JSON object; its fields are what policy rules test.</summary>
    public JsonElement Payload { get; init; } = EmptyPayload;

    internal static JsonElement EmptyPayload { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
