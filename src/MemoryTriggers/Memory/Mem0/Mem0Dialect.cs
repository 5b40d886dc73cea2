namespace MemoryTriggers.Memory.Mem0;

/// <summary>Which of mem0's two HTTP APIs a <see cref="Mem0Client"/> speaks.</summary>
public enum Mem0Dialect
{
    /// <summary>The self-hosted open-source REST server: paths without prefix, <c>X-API-Key</c> or Bearer auth, synchronous add.</summary>
    Oss,

    /// <summary>The hosted platform: <c>/v1</c> and <c>/v3</c> paths with trailing slashes, <c>Authorization: Token</c>, asynchronous add.</summary>
    Platform,
}
