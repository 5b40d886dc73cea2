using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Encryption;
using MemoryTriggers.Memory.Sqlite;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>A temporary directory for SQLite files, with the stores opened in it; <see cref="DeleteAsync"/> closes and deletes them.</summary>
internal sealed class TempDatabase
{
    private readonly List<SqliteMemoryStore> _stores = [];

    public TempDatabase() =>
        Directory = System.IO.Directory.CreateTempSubdirectory("memory-triggers-sqlite-").FullName;

    public string Directory { get; }

    public string Path => System.IO.Path.Combine(Directory, "memories.db");

    public async Task<SqliteMemoryStore> OpenAsync(TimeProvider time, TimeSpan? window = null, Func<string>? newId = null, int batchSize = 50, string? path = null, MemoryEncryptionKey? key = null)
    {
        var options = new SqliteMemoryStoreOptions
        {
            Path = path ?? Path,
            DeduplicationWindow = window ?? InMemoryMemoryStore.DefaultDeduplicationWindow,
            BatchSize = batchSize,
            EncryptionKey = key,
        };
        var store = await SqliteMemoryStore.OpenAsync(options, time, newId);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public async Task DeleteAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
