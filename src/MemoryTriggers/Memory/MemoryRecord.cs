using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>A stored memory, as a store returns it. Instances are snapshots: later changes produce new instances.</summary>
public sealed record MemoryRecord
{
    /// <summary>Gets the memory's id, assigned by the store.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the remembered text.</summary>
    public required string Content { get; init; }

    /// <summary>Gets the tags, in the order they were added; no two differ only in case.</summary>
    public ValueList<string> Tags { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the category, if any.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the metadata: strings, numbers, booleans, null, lists and maps.</summary>
    public ValueMap<object?> Metadata { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets the quality score in [0, 1], if one was set.</summary>
    public double? QualityScore { get; init; }

    /// <summary>Gets the user the memory belongs to, if scoped to one.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent the memory belongs to, if scoped to one.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run the memory belongs to, if scoped to one.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the name of the policy rule that created the memory, if a rule did.</summary>
    public string? SourceRule { get; init; }

    /// <summary>Gets the SHA-256 of the normalized content, as lower-case hex (see <see cref="MemoryContentHash"/>).</summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets when the memory was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the memory last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when the memory stops being recalled, if it expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets a value indicating whether the memory is archived (kept, but not recalled by default).</summary>
    public bool Archived { get; init; }
}
