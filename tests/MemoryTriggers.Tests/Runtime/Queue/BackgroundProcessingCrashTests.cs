using System.Globalization;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>
/// The EventWorker program killed with SIGKILL in the middle of a stream, then run again on the same
/// outbox and store: every accepted event is processed exactly once, with exactly one memory.
/// </summary>
public sealed class BackgroundProcessingCrashTests : IAsyncLifetime
{
    private const int EventCount = 300;

    private readonly QueueTestBed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _bed.DeleteAsync();

    private string[] Arguments(int events, params string[] extra) =>
        ["--outbox", _bed.OutboxPath, "--db", _bed.MemoryPath, "--events", events.ToString(CultureInfo.InvariantCulture), "--workers", "3", "--queue", "16", .. extra];

    private static (string Kind, int Index) Parse(string line)
    {
        var parts = line.Split(' ');
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the worker to its end; returns what it said of each event.</summary>
    private async Task<Dictionary<int, string>> RunToTheEndAsync(int events)
    {
        using var worker = WorkerProcess.Start(WorkerProcess.EventWorker, Arguments(events));
        Assert.Equal("ready", await worker.ReadLineAsync());
        var lines = await worker.RemainingLinesAsync();
        Assert.Equal(0, await worker.WaitForExitAsync());
        Assert.Equal(["drained True 0", "done"], lines.TakeLast(2));
        return lines.SkipLast(2).Select(Parse).ToDictionary(p => p.Index, p => p.Kind);
    }

    /// <summary>After both runs: one memory per event, every entry done.</summary>
    private async Task AssertEveryEventOnceAsync(int events)
    {
        SqliteConnection.ClearAllPools();
        await using (var store = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = _bed.MemoryPath }))
        {
            var memories = await store.ListAsync(0, 100_000);
            var expected = Enumerable.Range(0, events).Select(i => $"Event evt-{i}: note of evt-{i}").Order().ToList();
            Assert.Equal(expected, memories.Select(m => m.Content).Order().ToList());
        }

        await using var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath });
        Assert.Equal(new OutboxCounts(0, events, 0), await outbox.CountAsync());
        Assert.All(await outbox.ListAsync(OutboxEntryState.Done, events), e => Assert.Single(e.MemoryIds));
    }

    [Fact]
    public async Task Processor_KilledWithSigkillMidStream_EveryAcceptedEventIsProcessedOnceAfterRestart()
    {
        // An endless stream, killed once a hundred events are reported accepted: the queue is full and the workers busy.
        var acceptedBeforeKill = new HashSet<int>();
        using (var worker = WorkerProcess.Start(WorkerProcess.EventWorker, Arguments(events: 0)))
        {
            Assert.Equal("ready", await worker.ReadLineAsync());
            while (acceptedBeforeKill.Count < 100)
            {
                var (kind, index) = Parse(await worker.ReadLineAsync());
                Assert.Equal("accepted", kind);
                acceptedBeforeKill.Add(index);
            }

            worker.Kill();
            foreach (var line in await worker.RemainingLinesAsync())
            {
                var (kind, index) = Parse(line);
                Assert.Equal("accepted", kind);
                acceptedBeforeKill.Add(index);
            }
        }

        // The stream goes on from the start: at most one event past the last reported may have been committed unreported.
        var events = acceptedBeforeKill.Max() + 50;
        var second = await RunToTheEndAsync(events);

        Assert.Equal(Enumerable.Range(0, events), second.Keys.Order());
        Assert.All(acceptedBeforeKill, index => Assert.Equal("duplicate", second[index]));
        Assert.All(second.Values, kind => Assert.Contains(kind, new[] { "accepted", "duplicate" }));
        await AssertEveryEventOnceAsync(events);
    }

    [Fact]
    public async Task Processor_KilledRightAfterAMemoryIsStoredBeforeItsEntryIsDone_ReplayStoresNoSecondMemory()
    {
        using (var worker = WorkerProcess.Start(WorkerProcess.EventWorker, Arguments(EventCount, "--die-after-creates", "40")))
        {
            Assert.Equal("ready", await worker.ReadLineAsync());
            await worker.RemainingLinesAsync();
            Assert.NotEqual(0, await worker.WaitForExitAsync());
        }

        // The crash window was hit: a memory exists whose event the outbox does not have as done.
        long memories;
        await using (var store = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = _bed.MemoryPath }))
        {
            memories = (await store.GetStatsAsync()).Total;
        }

        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }))
        {
            var counts = await outbox.CountAsync();
            Assert.True(memories >= 40, $"{memories} memories before the crash");
            Assert.True(counts.Done < memories, $"{counts.Done} entries done, {memories} memories");
            Assert.True(counts.Pending > 0);
        }

        await RunToTheEndAsync(EventCount);

        await AssertEveryEventOnceAsync(EventCount);
    }
}
