using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>
/// The real service against a real SQLite store behind the outbox: accepted events outlive the
/// processor, a replay creates no second memory, damaged entries fail without stopping the rest.
/// </summary>
public sealed class BackgroundProcessingDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private readonly QueueTestBed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _bed.DeleteAsync();

    private static string[] Ids(int count) => [.. Enumerable.Range(0, count).Select(i => $"evt-{i}")];

    private static async Task<IReadOnlyList<MemoryRecord>> MemoriesAsync(IMemoryStore store) => await store.ListAsync(0, 100_000);

    /// <summary>Every event has exactly one memory, stamped with its id, and no other memory exists.</summary>
    private static async Task AssertOneMemoryPerEventAsync(IMemoryStore store, IEnumerable<string> ids)
    {
        var memories = await MemoriesAsync(store);
        var expected = ids.Select(id => $"Event {id}: note of {id}").Order().ToList();
        Assert.Equal(expected, memories.Select(m => m.Content).Order().ToList());
        Assert.All(memories, m => Assert.Equal($"Event {m.Metadata[EventIdempotentMemoryStore.EventIdKey]}: note of {m.Metadata[EventIdempotentMemoryStore.EventIdKey]}", m.Content));
    }

    private async Task<BackgroundEventProcessor> StartAsync(MemoryTriggerService service, EventOutbox outbox, int workers = 2)
    {
        var processor = new BackgroundEventProcessor(service, outbox, new BackgroundEventProcessorOptions { WorkerCount = workers, QueueSize = 50, RetryDelay = TimeSpan.Zero });
        _bed.Track(processor);
        await processor.StartAsync();
        return processor;
    }

    [Fact]
    public async Task StartAsync_EventsAcceptedButNeverProcessed_AreProcessedOnceOnTheNextStart()
    {
        var ids = Ids(30);
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }))
        {
            var never = new GatedProcess();
            await using var processor = new BackgroundEventProcessor(never.Process, outbox, QueueTestBed.Performance(100, 2), null, new() { ShutdownDeadline = TimeSpan.Zero });
            await processor.StartAsync();
            foreach (var id in ids)
            {
                Assert.True((await processor.EnqueueAsync(QueueTestBed.Event(id))).IsAccepted);
            }
        }

        var store = await _bed.OpenStoreAsync();
        using var service = QueueTestBed.Service(new EventIdempotentMemoryStore(store));
        var reopened = await _bed.OpenOutboxAsync();
        Assert.Equal(new OutboxCounts(30, 0, 0), await reopened.CountAsync());
        var next = await StartAsync(service, reopened);
        var duplicate = await next.EnqueueAsync(QueueTestBed.Event("evt-7"));
        var stopped = await next.StopAsync(Long);

        Assert.True(stopped.Drained);
        Assert.Equal(EnqueueStatus.Duplicate, duplicate.Status);
        Assert.Equal(30, next.Counters.Recovered);
        Assert.Equal(30, next.Counters.Processed);
        Assert.Equal(new OutboxCounts(0, 30, 0), await reopened.CountAsync());
        await AssertOneMemoryPerEventAsync(store, ids);
        var memories = await MemoriesAsync(store);
        foreach (var entry in await reopened.ListAsync(OutboxEntryState.Done))
        {
            var memory = Assert.Single(memories, m => Equals(m.Metadata[EventIdempotentMemoryStore.EventIdKey], entry.EventId));
            Assert.Equal([memory.Id], entry.MemoryIds);
        }

        // A third run finds nothing to do and still knows every id.
        var third = await StartAsync(service, await ReopenAsync(reopened));
        Assert.All(await Task.WhenAll(ids.Select(id => third.EnqueueAsync(QueueTestBed.Event(id)))), r => Assert.Equal(OutboxEntryState.Done, r.ExistingState));
        await third.StopAsync(Long);
        Assert.Equal(0, third.Counters.Recovered);
        await AssertOneMemoryPerEventAsync(store, ids);
    }

    [Fact]
    public async Task StartAsync_CrashAfterTheMemoryWasStoredBeforeTheEntryWasMarkedDone_CreatesNoSecondMemory()
    {
        var ids = Ids(12);
        var store = await _bed.OpenStoreAsync();
        using var service = QueueTestBed.Service(new EventIdempotentMemoryStore(store));
        using var stored = new SemaphoreSlim(0);
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }))
        {
            // Processes for real, then hangs before the outbox is told: as if killed between the two.
            async Task<TriggerResult> ProcessThenHang(TriggerEvent e, CancellationToken cancellationToken)
            {
                await service.ProcessAsync(e, cancellationToken);
                stored.Release();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }

            await using var processor = new BackgroundEventProcessor(ProcessThenHang, outbox, QueueTestBed.Performance(100, 3), null, new() { ShutdownDeadline = TimeSpan.Zero });
            await processor.StartAsync();
            foreach (var id in ids.Take(3))
            {
                await processor.EnqueueAsync(QueueTestBed.Event(id));
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.True(await stored.WaitAsync(QueueTestBed.Patience));
            }

            foreach (var id in ids.Skip(3))
            {
                await processor.EnqueueAsync(QueueTestBed.Event(id));
            }
        }

        var before = (await MemoriesAsync(store)).ToDictionary(m => m.Content, m => m.Id);
        Assert.Equal(3, before.Count);
        var reopened = await _bed.OpenOutboxAsync();
        Assert.Equal(new OutboxCounts(12, 0, 0), await reopened.CountAsync());
        var next = await StartAsync(service, reopened, workers: 3);
        Assert.True((await next.StopAsync(Long)).Drained);

        await AssertOneMemoryPerEventAsync(store, ids);
        var after = (await MemoriesAsync(store)).ToDictionary(m => m.Content, m => m.Id);
        Assert.All(before, pair => Assert.Equal(pair.Value, after[pair.Key]));
        Assert.All(await reopened.ListAsync(OutboxEntryState.Done), e => Assert.Equal([after[$"Event {e.EventId}: note of {e.EventId}"]], e.MemoryIds));
        Assert.Equal(new OutboxCounts(0, 12, 0), await reopened.CountAsync());
    }

    [Fact]
    public async Task Worker_FailsAfterTheServiceStoredTheMemory_RetryFindsTheMemoryInsteadOfCreatingAnother()
    {
        var store = await _bed.OpenStoreAsync();
        using var service = QueueTestBed.Service(new EventIdempotentMemoryStore(store));
        var outbox = await _bed.OpenOutboxAsync();
        var failures = 2;

        // The service processes the event (its memory is stored), then the worker fails twice before the entry is marked done.
        var processor = new BackgroundEventProcessor(
            async (e, token) =>
            {
                var processed = await service.ProcessAsync(e, token);
                return Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("worker failed after processing") : processed;
            },
            outbox,
            service.Config.Performance,
            null,
            new BackgroundEventProcessorOptions { WorkerCount = 1, QueueSize = 50, RetryDelay = TimeSpan.Zero });
        _bed.Track(processor);
        await processor.StartAsync();

        var result = await processor.EnqueueAsync(QueueTestBed.Event("err-1", MemoryTriggerType.Error, "disk full on db-1"));
        await processor.StopAsync(Long);

        Assert.True(result.IsAccepted);
        var entry = await outbox.GetAsync("err-1");
        Assert.Equal(OutboxEntryState.Done, entry!.State);
        Assert.Equal(3, entry.Attempts);
        Assert.Contains("worker failed after processing", entry.LastError, StringComparison.Ordinal);
        Assert.Equal(2, processor.Counters.Retried);
        var memory = Assert.Single(await MemoriesAsync(store));
        Assert.Equal("Event err-1: note of err-1", memory.Content);
        Assert.Equal([memory.Id], entry.MemoryIds);
    }

    [Fact]
    public async Task EnqueueAsync_IdsAcceptedInAnEarlierRun_AreDuplicatesAfterRestart()
    {
        var store = await _bed.OpenStoreAsync();
        using var service = QueueTestBed.Service(new EventIdempotentMemoryStore(store));
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }))
        {
            await using var processor = new BackgroundEventProcessor(service, outbox, new() { WorkerCount = 1 });
            await processor.StartAsync();
            await processor.EnqueueAsync(QueueTestBed.Event("done-1"));
            await processor.StopAsync(Long);
        }

        var reopened = await _bed.OpenOutboxAsync();
        var next = await StartAsync(service, reopened);
        var again = await next.EnqueueAsync(QueueTestBed.Event("done-1"));
        var fresh = await next.EnqueueAsync(QueueTestBed.Event("new-1"));
        await next.StopAsync(Long);

        Assert.Equal(EnqueueStatus.Duplicate, again.Status);
        Assert.Equal(OutboxEntryState.Done, again.ExistingState);
        Assert.Equal(EnqueueStatus.Accepted, fresh.Status);
        await AssertOneMemoryPerEventAsync(store, ["done-1", "new-1"]);
    }

    [Fact]
    public async Task StartAsync_RandomBytesInTheEventColumn_MarksThatEntryFailedAndProcessesTheRest()
    {
        var index = 0;
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), Gen.Elements(true, false).ToArbitrary(), (bytes, asText) =>
        {
            var path = Path.Combine(_bed.Directory, $"fuzz-{Interlocked.Increment(ref index)}.db");
            return CorruptedEntryFailsAsync(path, bytes ?? [], asText).GetAwaiter().GetResult();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static async Task<bool> CorruptedEntryFailsAsync(string path, byte[] bytes, bool asText)
    {
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = path }))
        {
            await outbox.AcceptAsync("bad", TriggerEventJson.Serialize(QueueTestBed.Event("bad")), CancellationToken.None);
            await outbox.AcceptAsync("good", TriggerEventJson.Serialize(QueueTestBed.Event("good")), CancellationToken.None);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE outbox SET event_json = $json WHERE event_id = 'bad'";
            command.Parameters.AddWithValue("$json", asText ? System.Text.Encoding.UTF8.GetString(bytes) : bytes);
            command.ExecuteNonQuery();
        }

        var process = new GatedProcess(open: true);
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = path }))
        {
            await using var processor = new BackgroundEventProcessor(process.Process, outbox, QueueTestBed.Performance(10, 1), null, null);
            await processor.StartAsync();
            var stopped = await processor.StopAsync(Long);
            var bad = await outbox.GetAsync("bad");
            var good = await outbox.GetAsync("good");
            return stopped.Drained
                && bad!.State == OutboxEntryState.Failed
                && bad.LastError is { Length: > 0 }
                && good!.State == OutboxEntryState.Done
                && !process.Calls.ContainsKey("bad")
                && processor.Counters.Failed == 1;
        }
    }

    private async Task<EventOutbox> ReopenAsync(EventOutbox outbox)
    {
        await outbox.DisposeAsync();
        return await _bed.OpenOutboxAsync();
    }
}
