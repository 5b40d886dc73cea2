namespace MemoryTriggers.Memory.Mem0;

/// <summary>How the API key is sent to a mem0 open-source server (the platform always uses <c>Authorization: Token</c>).</summary>
public enum Mem0AuthStyle
{
    /// <summary>As an <c>X-API-Key</c> header (the server's admin key or a per-user <c>m0sk_…</c> key).</summary>
    ApiKeyHeader,

    /// <summary>As <c>Authorization: Bearer</c> (a dashboard JWT).</summary>
    Bearer,
}
