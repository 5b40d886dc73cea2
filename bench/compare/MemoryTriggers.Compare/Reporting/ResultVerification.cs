namespace MemoryTriggers.Compare.Reporting;

/// <summary>Whether a result's match digest equals the digest of the first <c>checked_events</c> expected lines.</summary>
/// <param name="Valid">Whether the digests agree.</param>
/// <param name="Detail">Why not, when not valid.</param>
internal sealed record ResultVerification(bool Valid, string Detail);
