using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

public sealed class InMemoryLifecycleCleanerTests : MemoryLifecycleCleanerContractTests
{
    protected override Task<IMemoryStore> OpenStoreAsync(TimeProvider time, Func<string> newId) =>
        Task.FromResult<IMemoryStore>(new InMemoryMemoryStore(time, TimeSpan.Zero, newId));

    public override Task DisposeAsync() => Task.CompletedTask;
}
