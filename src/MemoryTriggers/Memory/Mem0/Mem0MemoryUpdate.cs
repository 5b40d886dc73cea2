using System.Text.Json;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>The body of an update (<c>PUT</c>); only the sent fields apply and sent metadata is merged into the stored metadata.</summary>
public sealed record Mem0MemoryUpdate
{
    /// <summary>Gets the new text, if it changes.</summary>
    public string? Text { get; init; }

    /// <summary>Gets metadata entries to merge (a JSON null value stores null; mem0 cannot remove a key).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}
