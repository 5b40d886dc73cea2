using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Encryption;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>The store contract, on encrypted SQLite stores.</summary>
public sealed class EncryptedSqliteMemoryStoreContractTests : MemoryStoreContractTests
{
    private readonly TempDatabase _database = new();
    private readonly MemoryEncryptionKey _key = MemoryEncryptionKey.Generate();
    private int _files;

    protected override async Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId)
    {
        var store = await _database.OpenAsync(time, window, newId, path: Path.Combine(_database.Directory, $"store{Interlocked.Increment(ref _files)}.db"), key: _key);
        Assert.True(store.IsEncrypted);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await _database.DeleteAsync();
        _key.Dispose();
    }
}
