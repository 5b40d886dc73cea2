namespace MemoryTriggers.Memory;

/// <summary>The outcome of <see cref="IMemoryStore.CreateAsync"/>.</summary>
/// <param name="Record">The new memory, or the existing one the draft duplicated.</param>
/// <param name="Created">Whether a new memory was stored; false when the draft duplicated a recent one.</param>
public sealed record MemoryCreateResult(MemoryRecord Record, bool Created);
