using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Sqlite;

public sealed class SqliteMemoryStoreRecallContractTests : MemoryStoreRecallContractTests
{
    private readonly TempDatabase _database = new();

    protected override async Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId) =>
        await _database.OpenAsync(time, window, newId);

    public override Task DisposeAsync() => _database.DeleteAsync();
}
