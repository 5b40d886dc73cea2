using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>
/// A memory as mem0 returns it (<c>MemoryItem</c>). Every field but <see cref="Id"/> and
/// <see cref="Memory"/> may be missing or null; fields this type does not name survive in
/// <see cref="ExtensionData"/>.
/// </summary>
public sealed record Mem0Memory
{
    /// <summary>Gets the memory's id (a UUID).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the text.</summary>
    public required string Memory { get; init; }

    /// <summary>Gets mem0's MD5 hex of the text.</summary>
    public string? Hash { get; init; }

    /// <summary>Gets the metadata, or null.</summary>
    public Dictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>Gets the relevance score; search results only.</summary>
    public double? Score { get; init; }

    /// <summary>Gets when the memory was created (any offset, UTC or US/Pacific on older servers).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the memory last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the user id.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent id.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run id (the platform's <c>session_id</c> is folded in here by the client).</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the expiration date as sent (<c>YYYY-MM-DD</c> or a timestamp).</summary>
    public string? ExpirationDate { get; init; }

    /// <summary>Gets the categories (platform only).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Gets fields this type does not name (for example <c>actor_id</c>, <c>role</c>, <c>app_id</c>, <c>session_id</c>), kept as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }
}
