using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>Changes to a memory; a null property leaves that part unchanged.</summary>
public sealed record MemoryUpdate
{
    /// <summary>Gets the new content (the content hash follows it); must not be empty or white space.</summary>
    public string? Content { get; init; }

    /// <summary>Gets tags that replace the memory's tags.</summary>
    public ValueList<string>? Tags { get; init; }

    /// <summary>Gets the new category; an empty string removes it.</summary>
    public string? Category { get; init; }

    /// <summary>Gets metadata entries to set; keys not named keep their values.</summary>
    public ValueMap<object?>? Metadata { get; init; }

    /// <summary>Gets the new quality score in [0, 1].</summary>
    public double? QualityScore { get; init; }

    /// <summary>Gets a value indicating whether the update changes nothing.</summary>
    public bool IsEmpty => Content is null && Tags is null && Category is null && Metadata is null && QualityScore is null;
}
