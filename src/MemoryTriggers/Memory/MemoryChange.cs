namespace MemoryTriggers.Memory;

/// <summary>One entry of a memory's history.</summary>
/// <param name="MemoryId">The memory.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened.</param>
/// <param name="Detail">What changed, for example the tag or the updated fields, if anything is worth saying.</param>
public sealed record MemoryChange(string MemoryId, MemoryChangeKind Kind, DateTimeOffset At, string? Detail = null);
