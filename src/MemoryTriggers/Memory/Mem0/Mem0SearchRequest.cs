using System.Text.Json;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>A search (OSS <c>POST /search</c>, platform <c>POST /v3/memories/search/</c>).</summary>
public sealed record Mem0SearchRequest
{
    /// <summary>Gets the query text.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the user id put into <c>filters</c>; entity ids always go into filters, never top level.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent id put into <c>filters</c>.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run id put into <c>filters</c>.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets further filters (metadata keys or mem0 operators), merged into <c>filters</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Filters { get; init; }

    /// <summary>Gets the most results; the server's default (20 OSS, 10 platform) when null.</summary>
    public int? TopK { get; init; }

    /// <summary>Gets the lowest score in [0, 1]; the server's default (0.1) when null.</summary>
    public double? Threshold { get; init; }
}
