namespace MemoryTriggers.Configuration;

/// <summary>The store that holds memories.</summary>
/// <remarks>
/// Only <see cref="Mem0"/> and <see cref="Local"/> are implemented; the others are kept so that
/// files written for the reference system still parse, and selecting one is a validation error.
/// </remarks>
public enum MemoryBackend
{
    /// <summary>A mem0 server or the hosted mem0 platform, over HTTP.</summary>
    Mem0,

    /// <summary>A SQLite file on the local machine.</summary>
    Local,

    /// <summary>Redis (not implemented).</summary>
    Redis,

    /// <summary>PostgreSQL (not implemented).</summary>
    Postgresql,

    /// <summary>A combination of backends (not implemented).</summary>
    Hybrid,
}
