namespace MemoryTriggers.Memory.Mem0;

/// <summary>One memory an add produced.</summary>
/// <param name="Id">The memory's id.</param>
/// <param name="Memory">The stored text, if the server said.</param>
/// <param name="Event">What happened: <c>ADD</c> from current servers; older servers also say <c>UPDATE</c> or <c>DELETE</c> (an open set).</param>
public sealed record Mem0AddResult(string Id, string? Memory, string Event);
