using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>Runs the contract against the reference store too, proving the contract classes assert what it does.</summary>
public sealed class InMemoryMemoryStoreContractTests : MemoryStoreContractTests
{
    protected override Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId) =>
        Task.FromResult<IMemoryStore>(new InMemoryMemoryStore(time, window, newId));

    public override Task DisposeAsync() => Task.CompletedTask;
}
