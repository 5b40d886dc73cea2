namespace MemoryTriggers.Memory.Backends;

/// <summary>Where a memory created on a failover store lives.</summary>
/// <param name="FailoverId">The id the failover store gave it (the id its caller knows).</param>
/// <param name="StoreIndex">The failover store holding it (index into the failover list).</param>
/// <param name="Replayed">Whether its create has been replayed to the primary (or given up on).</param>
/// <param name="PrimaryId">Its id on the primary once replayed; null before, or if it was never created there.</param>
internal sealed record FailoverIdMapping(string FailoverId, int StoreIndex, bool Replayed, string? PrimaryId);
