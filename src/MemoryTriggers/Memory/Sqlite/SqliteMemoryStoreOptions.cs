using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Encryption;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>Settings of a <see cref="SqliteMemoryStore"/>.</summary>
public sealed record SqliteMemoryStoreOptions
{
    /// <summary>Gets the path used when none is configured: <c>./memory-triggers.db</c>.</summary>
    public const string DefaultPath = "./memory-triggers.db";

    /// <summary>The file name used when <c>local_storage_path</c> names a directory.</summary>
    public const string DefaultFileName = "memory-triggers.db";

    /// <summary>Gets the database file; it and its directory are created if missing.</summary>
    public string Path { get; init; } = DefaultPath;

    /// <summary>
    /// Gets how long after creating a memory the same content in the same scope returns it;
    /// five minutes by default, no deduplication if zero.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; init; } = InMemoryMemoryStore.DefaultDeduplicationWindow;

    /// <summary>Gets how many drafts <see cref="SqliteMemoryStore.CreateManyAsync"/> writes per transaction; 50 by default.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Gets how long a call waits for another connection or process holding the write lock; 10 seconds by default.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the key that encrypts content and metadata at rest (AES-256-GCM), or null for a
    /// plaintext store. A new, empty file opened with a key becomes encrypted with it; an encrypted
    /// file must always be opened with the same key. The store copies what it needs at open, so the
    /// caller may dispose the key afterwards.
    /// </summary>
    public MemoryEncryptionKey? EncryptionKey { get; init; }

    /// <summary>
    /// Builds options from the configuration: <c>backend_settings.local_storage_path</c> (a
    /// database file; a path ending in a directory separator, or naming an existing directory,
    /// means <see cref="DefaultFileName"/> inside it), <c>performance.batch_size</c> and
    /// <c>backend.write_timeout</c> as the busy timeout.
    /// </summary>
    /// <param name="backend">The backend section.</param>
    /// <param name="performance">The performance section.</param>
    /// <returns>The options.</returns>
    public static SqliteMemoryStoreOptions FromConfiguration(BackendConfig backend, PerformanceConfig performance)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(performance);
        var path = backend.BackendSettings.TryGetValue("local_storage_path", out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
        return new SqliteMemoryStoreOptions
        {
            Path = string.IsNullOrWhiteSpace(path) ? DefaultPath
                : path.EndsWith('/') || path.EndsWith(System.IO.Path.DirectorySeparatorChar) || Directory.Exists(path) ? System.IO.Path.Combine(path, DefaultFileName)
                : path,
            BatchSize = performance.BatchSize,
            BusyTimeout = TimeSpan.FromSeconds(backend.WriteTimeout),
        };
    }
}
