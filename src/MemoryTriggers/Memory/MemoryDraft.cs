using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>A memory to create; the store assigns its id, hash and timestamps.</summary>
public sealed record MemoryDraft
{
    /// <summary>Gets the text to remember; must not be empty or white space.</summary>
    public required string Content { get; init; }

    /// <summary>Gets the tags; blank tags and later duplicates (ignoring case) are dropped.</summary>
    public ValueList<string> Tags { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the category, if any.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the metadata: strings, numbers, booleans, null, lists and maps.</summary>
    public ValueMap<object?> Metadata { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets the quality score in [0, 1], if any.</summary>
    public double? QualityScore { get; init; }

    /// <summary>Gets the user the memory belongs to, if scoped to one.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent the memory belongs to, if scoped to one.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run the memory belongs to, if scoped to one.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the name of the policy rule creating the memory, if a rule is.</summary>
    public string? SourceRule { get; init; }

    /// <summary>Gets how long after creation the memory expires, if it does; must be positive.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
}
