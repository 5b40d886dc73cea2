using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>Which memory store is used and how it is reached.</summary>
public sealed record BackendConfig
{
    /// <summary>Gets the primary backend.</summary>
    /// <value>The default is <see cref="MemoryBackend.Mem0"/>.</value>
    [Description("Primary backend: mem0 or local (redis, postgresql and hybrid are not implemented).")]
    public MemoryBackend BackendType { get; init; } = MemoryBackend.Mem0;

    /// <summary>Gets the seconds allowed to connect.</summary>
    /// <value>The default is 10.0.</value>
    [Range(0.1, 300.0)]
    [Description("Seconds allowed to connect.")]
    public double ConnectionTimeout { get; init; } = 10.0;

    /// <summary>Gets the seconds allowed for a read.</summary>
    /// <value>The default is 5.0.</value>
    [Range(0.1, 300.0)]
    [Description("Seconds allowed for a read.")]
    public double ReadTimeout { get; init; } = 5.0;

    /// <summary>Gets the seconds allowed for a write.</summary>
    /// <value>The default is 10.0.</value>
    [Range(0.1, 300.0)]
    [Description("Seconds allowed for a write.")]
    public double WriteTimeout { get; init; } = 10.0;

    /// <summary>Gets the number of retries of a failed call.</summary>
    /// <value>The default is 3.</value>
    [Range(0, 10)]
    [Description("Retries of a failed call.")]
    public int MaxRetries { get; init; } = 3;

    /// <summary>Gets the base delay between retries, in seconds.</summary>
    /// <value>The default is 1.0.</value>
    [Range(0.0, 60.0)]
    [Description("Base delay between retries, in seconds.")]
    public double RetryDelay { get; init; } = 1.0;

    /// <summary>Gets backend-specific settings (for example <c>local_storage_path</c>, <c>api_key_env</c>, <c>host</c>).</summary>
    /// <value>The default is empty.</value>
    [Description("Backend-specific settings, e.g. local_storage_path, api_key_env, host. Secrets are named by environment variable, never written here.")]
    public ValueMap<object?> BackendSettings { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets a value indicating whether connections are pooled.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Pool connections.")]
    public bool PoolEnabled { get; init; } = true;

    /// <summary>Gets the number of pooled connections.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 100)]
    [Description("Pooled connections.")]
    public int PoolSize { get; init; } = 10;

    /// <summary>Gets the number of connections allowed beyond the pool.</summary>
    /// <value>The default is 20.</value>
    [Range(0, 100)]
    [Description("Connections allowed beyond the pool.")]
    public int PoolMaxOverflow { get; init; } = 20;

    /// <summary>Gets a value indicating whether failed writes go to a failover backend.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Send writes that fail on the primary to a failover backend.")]
    public bool FailoverEnabled { get; init; }

    /// <summary>Gets the failover backends, in order of preference.</summary>
    /// <value>The default is empty.</value>
    [Description("Failover backends, in order of preference (backend_type values).")]
    public ValueList<string> FailoverBackends { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether memories are encrypted at rest.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Encrypt memories at rest; needs encryption_key_path.")]
    public bool EncryptionEnabled { get; init; }

    /// <summary>Gets the path of the encryption key file.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Description("Path of the encryption key file.")]
    public string? EncryptionKeyPath { get; init; }
}
