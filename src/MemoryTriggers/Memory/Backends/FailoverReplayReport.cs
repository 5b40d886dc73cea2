namespace MemoryTriggers.Memory.Backends;

/// <summary>What one <see cref="FailoverMemoryStore.ReplayAsync"/> did.</summary>
/// <param name="Replayed">Journaled writes applied to the primary.</param>
/// <param name="Skipped">Journaled writes finished without a change: their memory had expired, or no longer exists on the primary.</param>
/// <param name="Rejected">Journaled writes the primary refused (not an availability error); they are kept in the journal's <c>rejected_entries</c>.</param>
/// <param name="Remaining">Journaled writes still waiting.</param>
/// <param name="Completed">Whether the journal was replayed to the end.</param>
/// <param name="Error">Why the replay stopped, when it did not complete.</param>
public sealed record FailoverReplayReport(int Replayed, int Skipped, int Rejected, long Remaining, bool Completed, string? Error);
