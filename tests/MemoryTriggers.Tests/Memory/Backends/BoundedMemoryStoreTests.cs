using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Backends;

public sealed class BoundedMemoryStoreTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private static MemoryDraft Draft => new() { Content = "x" };

    [Fact]
    public async Task Calls_MoreThanTheBound_NeverExceedItAndAllFinish()
    {
        var inner = new GatedMemoryStore();
        await using var store = new BoundedMemoryStore(inner, maxConcurrentOperations: 3, Long, Long);

        var calls = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            calls.Add(store.CreateAsync(Draft));
            calls.Add(store.GetAsync("m1"));
            calls.Add(store.RecallAsync(new MemoryQuery { Text = "x" }));
        }

        var inFlightWhileGated = inner.InFlight;
        inner.Open();
        await Task.WhenAll(calls);

        Assert.Equal(3, inFlightWhileGated);
        Assert.Equal(3, inner.MaxInFlight);
        Assert.Equal(12, inner.Calls);
    }

    [Fact]
    public async Task CreateAsync_SlowerThanCreateTimeout_ThrowsTypedTimeoutNamingOperationAndLimit()
    {
        var time = new FakeTimeProvider();
        var inner = new GatedMemoryStore();
        await using var store = BoundedMemoryStore.FromConfiguration(inner, new PerformanceConfig { CreateTimeout = 5, RecallTimeout = 60 }, time);

        var call = store.CreateAsync(Draft);
        time.Advance(TimeSpan.FromSeconds(6));
        var error = await Assert.ThrowsAsync<MemoryStoreTimeoutException>(() => call);

        Assert.Equal("create", error.Operation);
        Assert.Equal(TimeSpan.FromSeconds(5), error.Limit);
        Assert.Equal("performance.create_timeout", error.Setting);
        Assert.Contains("5 s", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<TimeoutException>(error);
    }

    [Fact]
    public async Task RecallAsync_SlowerThanRecallTimeout_TimesOutOnTheReadLimit()
    {
        var time = new FakeTimeProvider();
        await using var store = new BoundedMemoryStore(new GatedMemoryStore(), 2, writeTimeout: TimeSpan.FromSeconds(60), readTimeout: TimeSpan.FromSeconds(1), timeProvider: time);

        var call = store.RecallAsync(new MemoryQuery { Text = "x" });
        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<MemoryStoreTimeoutException>(() => call);

        Assert.Equal("recall", error.Operation);
        Assert.Equal("performance.recall_timeout", error.Setting);
    }

    [Fact]
    public async Task TimedOutCall_InnerIgnoresCancellation_KeepsItsSlotUntilItEnds()
    {
        var time = new FakeTimeProvider();
        var inner = new GatedMemoryStore(ignoreCancellation: true);
        await using var store = new BoundedMemoryStore(inner, 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), timeProvider: time);

        var stuck = store.DeleteAsync("m1");
        time.Advance(TimeSpan.FromSeconds(6));
        await Assert.ThrowsAsync<MemoryStoreTimeoutException>(() => stuck);
        var waiting = store.DeleteAsync("m1");
        var callsWhileStuck = inner.Calls;
        inner.Open();

        Assert.True(await waiting);
        Assert.Equal(1, callsWhileStuck);
        Assert.Equal(1, inner.MaxInFlight);
    }

    [Fact]
    public async Task Call_CancelledWhileWaitingForASlot_ThrowsOperationCanceled()
    {
        var inner = new GatedMemoryStore();
        await using var store = new BoundedMemoryStore(inner, 1, Long, Long);
        var first = store.UpdateAsync("m1", new MemoryUpdate { Content = "y" });
        using var cancel = new CancellationTokenSource();

        var second = store.GetAsync("m1", cancel.Token);
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        inner.Open();
        await first;

        Assert.IsNotType<MemoryStoreTimeoutException>(error);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Call_CancelledInsideTheInnerStore_ThrowsOperationCanceledAndFreesTheSlot()
    {
        var inner = new GatedMemoryStore();
        await using var store = new BoundedMemoryStore(inner, 1, Long, Long);
        using var cancel = new CancellationTokenSource();

        var call = store.ListAsync(cancellationToken: cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var next = store.GetStatsAsync();
        inner.Open();

        Assert.Equal(1, (await next).Total);
    }
}
