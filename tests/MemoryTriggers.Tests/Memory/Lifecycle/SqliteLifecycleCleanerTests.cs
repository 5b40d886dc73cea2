using MemoryTriggers.Memory;
using MemoryTriggers.Tests.Memory.Sqlite;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

public sealed class SqliteLifecycleCleanerTests : MemoryLifecycleCleanerContractTests
{
    private readonly TempDatabase _database = new();

    protected override async Task<IMemoryStore> OpenStoreAsync(TimeProvider time, Func<string> newId) =>
        await _database.OpenAsync(time, TimeSpan.Zero, newId);

    public override Task DisposeAsync() => _database.DeleteAsync();
}
