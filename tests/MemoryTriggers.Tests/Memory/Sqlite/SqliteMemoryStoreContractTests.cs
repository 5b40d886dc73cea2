using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Sqlite;

public sealed class SqliteMemoryStoreContractTests : MemoryStoreContractTests
{
    private readonly TempDatabase _database = new();
    private int _files;

    protected override async Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId) =>
        await _database.OpenAsync(time, window, newId, path: Path.Combine(_database.Directory, $"store{Interlocked.Increment(ref _files)}.db"));

    public override Task DisposeAsync() => _database.DeleteAsync();
}
