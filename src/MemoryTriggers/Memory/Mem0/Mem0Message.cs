namespace MemoryTriggers.Memory.Mem0;

/// <summary>One chat message sent to mem0's add endpoint.</summary>
/// <param name="Role">The role: <c>user</c>, <c>assistant</c> or <c>system</c>.</param>
/// <param name="Content">The text.</param>
public sealed record Mem0Message(string Role, string Content);
