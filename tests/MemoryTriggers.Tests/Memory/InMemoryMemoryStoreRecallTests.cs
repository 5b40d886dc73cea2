using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory;

/// <summary>Runs the recall contract against the reference store too.</summary>
public sealed class InMemoryMemoryStoreRecallTests : MemoryStoreRecallContractTests
{
    protected override Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId) =>
        Task.FromResult<IMemoryStore>(new InMemoryMemoryStore(time, window, newId));

    public override Task DisposeAsync() => Task.CompletedTask;
}
