using MemoryTriggers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory;

/// <summary>The memory-store contract against the in-memory store, plus what only its constructor has.</summary>
public sealed class InMemoryMemoryStoreTests : MemoryStoreContractTests
{
    [Fact]
    public void Constructor_Defaults_FiveMinuteWindowAndGuidIds()
    {
        var store = new InMemoryMemoryStore();

        Assert.Equal(TimeSpan.FromMinutes(5), store.DeduplicationWindow);
        Assert.Equal(TimeSpan.FromMinutes(5), InMemoryMemoryStore.DefaultDeduplicationWindow);
    }

    [Fact]
    public void Constructor_NegativeWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryMemoryStore(new FakeTimeProvider(), TimeSpan.FromSeconds(-1)));

    protected override Task<IMemoryStore> OpenStoreAsync(TimeProvider time, TimeSpan? window, Func<string>? newId) =>
        Task.FromResult<IMemoryStore>(new InMemoryMemoryStore(time, window, newId));

    public override Task DisposeAsync() => Task.CompletedTask;
}
