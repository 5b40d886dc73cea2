using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>One entry of a memory's history as mem0 records it (<c>HistoryRecord</c>).</summary>
public sealed record Mem0HistoryEntry
{
    /// <summary>Gets the history entry's id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the memory's id.</summary>
    public string? MemoryId { get; init; }

    /// <summary>Gets the text before the change.</summary>
    public string? OldMemory { get; init; }

    /// <summary>Gets the text after the change.</summary>
    public string? NewMemory { get; init; }

    /// <summary>Gets what happened: <c>ADD</c>, <c>UPDATE</c> or <c>DELETE</c> (an open set).</summary>
    public string? Event { get; init; }

    /// <summary>Gets when the entry was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the entry was updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets whether the memory is deleted.</summary>
    public bool? IsDeleted { get; init; }

    /// <summary>Gets fields this type does not name, kept as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }
}
