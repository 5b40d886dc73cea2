using System.Text.Json;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>The body of an add call (OSS <c>MemoryCreate</c>, platform <c>/v3/memories/add/</c>). Null properties are not sent.</summary>
public sealed record Mem0AddRequest
{
    /// <summary>Gets the messages to remember; required.</summary>
    public required IReadOnlyList<Mem0Message> Messages { get; init; }

    /// <summary>Gets the user id; at least one of user, agent and run id is required (the client fills in the defaults of <see cref="Mem0Options"/>).</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent id.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run id.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the metadata stored with the memory.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>Gets the expiration date, sent as <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? ExpirationDate { get; init; }

    /// <summary>Gets whether mem0 extracts facts with its LLM (true) or stores each message verbatim (false); the server's default when null.</summary>
    public bool? Infer { get; init; }
}
