using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>What to recall: optional text, filters that must all hold, and a limit.</summary>
public sealed record MemoryQuery
{
    /// <summary>
    /// Gets the query text. Its words are matched case-insensitively against each memory's content
    /// and tags; a memory must match at least one, and memories matching more words rank first.
    /// Without text, every memory that passes the filters matches, most recent first.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Gets tags that must all be present (ignoring case).</summary>
    public ValueList<string> Tags { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the category the memory must have (ignoring case), if filtered.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the user the memory must belong to, if filtered.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the agent the memory must belong to, if filtered.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the run the memory must belong to, if filtered.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets metadata entries the memory must have with equal values (numbers compare by value).</summary>
    public ValueMap<object?> Metadata { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets the lowest quality score a memory may have; a memory without a score then does not match.</summary>
    public double? MinQuality { get; init; }

    /// <summary>Gets a value indicating whether archived memories are included.</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>Gets the most memories returned; 0 returns none.</summary>
    public int Limit { get; init; } = 10;
}
