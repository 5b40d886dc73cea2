using System.Diagnostics.Metrics;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>The queue's mechanics with a gated processing function: backpressure, rejection, workers, retries, drain and deadline.</summary>
public sealed class BackgroundEventProcessorTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private readonly QueueTestBed _bed = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _bed.DeleteAsync();

    private async Task<(BackgroundEventProcessor Processor, EventOutbox Outbox)> StartAsync(
        GatedProcess process, int queueSize = 100, int workers = 1, BackgroundEventProcessorOptions? options = null, MemoryTriggersMetrics? metrics = null)
    {
        var outbox = await _bed.OpenOutboxAsync(_time);
        var processor = new BackgroundEventProcessor(
            process.Process,
            outbox,
            QueueTestBed.Performance(queueSize, workers),
            metrics,
            (options ?? new BackgroundEventProcessorOptions()) with { TimeProvider = _time, RetryDelay = TimeSpan.Zero, ShutdownDeadline = TimeSpan.Zero });
        _bed.Track(processor);
        await processor.StartAsync();
        return (processor, outbox);
    }

    private static async Task<List<EnqueueResult>> EnqueueAsync(BackgroundEventProcessor processor, params string[] ids)
    {
        var results = new List<EnqueueResult>();
        foreach (var id in ids)
        {
            results.Add(await processor.EnqueueAsync(QueueTestBed.Event(id)));
        }

        return results;
    }

    private static string[] Ids(int count, string prefix = "evt-") => [.. Enumerable.Range(0, count).Select(i => prefix + i)];

    [Fact]
    public async Task EnqueueAsync_NewEvent_IsInTheOutboxWhenReportedAccepted()
    {
        var (processor, outbox) = await StartAsync(new GatedProcess());

        var result = await processor.EnqueueAsync(QueueTestBed.Event("evt-1"));

        Assert.Equal(EnqueueStatus.Accepted, result.Status);
        Assert.True(result.IsAccepted);
        var entry = await outbox.GetAsync("evt-1");
        Assert.NotNull(entry);
        Assert.Equal(result.Sequence, entry.Sequence);
        Assert.Equal(OutboxEntryState.Pending, entry.State);
        Assert.Equal(TriggerEventJson.Serialize(QueueTestBed.Event("evt-1")), entry.EventJson);
        Assert.Equal(_time.GetUtcNow(), entry.AcceptedAt);
    }

    [Fact]
    public async Task EnqueueAsync_SameIdAgain_IsADuplicateWhetherPendingOrDone()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process);
        var first = await processor.EnqueueAsync(QueueTestBed.Event("evt-1"));

        var whilePending = await processor.EnqueueAsync(QueueTestBed.Event("evt-1") with { UserId = "someone else" });
        process.Open();
        await processor.StopAsync(Long);

        Assert.Equal(EnqueueStatus.Duplicate, whilePending.Status);
        Assert.Equal(OutboxEntryState.Pending, whilePending.ExistingState);
        Assert.Equal(first.Sequence, whilePending.Sequence);
        Assert.Contains("evt-1", whilePending.Message, StringComparison.Ordinal);
        Assert.Equal(1, process.Completed["evt-1"]);
        Assert.Equal(new OutboxCounts(0, 1, 0), await outbox.CountAsync());
        Assert.Equal(1, processor.Counters.Duplicates);
        Assert.Equal(1, processor.Counters.Accepted);
    }

    [Fact]
    public async Task EnqueueAsync_QueueFullInRejectMode_RejectsAtOnceAndStoresNothing()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 2, options: new() { FullMode = QueueFullMode.Reject });
        await EnqueueAsync(processor, "evt-0");
        await process.EnteredAsync(1);
        var queued = await EnqueueAsync(processor, "evt-1", "evt-2");

        var rejected = await processor.EnqueueAsync(QueueTestBed.Event("evt-3"));

        Assert.All(queued, r => Assert.Equal(EnqueueStatus.Accepted, r.Status));
        Assert.Equal(EnqueueStatus.Rejected, rejected.Status);
        Assert.Equal(EnqueueRejectReason.QueueFull, rejected.Reason);
        Assert.Contains("queue is full (2 events waiting)", rejected.Message, StringComparison.Ordinal);
        Assert.Null(await outbox.GetAsync("evt-3"));
        process.Open();
        Assert.True((await processor.StopAsync(Long)).Drained);
        Assert.Equal(["evt-0", "evt-1", "evt-2"], process.Completed.Keys.Order());
        Assert.Equal(1, processor.Counters.Rejected);
    }

    [Fact]
    public async Task EnqueueAsync_QueueFullInWaitMode_WaitsForRoomThenAcceptsAndDropsNothing()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 2);
        await EnqueueAsync(processor, "evt-0");
        await process.EnteredAsync(1);
        await EnqueueAsync(processor, "evt-1", "evt-2");

        var waiting = processor.EnqueueAsync(QueueTestBed.Event("evt-3"));

        // No slot can free while every call is held at the gate.
        Assert.False(waiting.IsCompleted);
        Assert.Null(await outbox.GetAsync("evt-3"));
        process.Let(1);
        var accepted = await waiting.WaitAsync(QueueTestBed.Patience);
        Assert.Equal(EnqueueStatus.Accepted, accepted.Status);
        process.Open();
        Assert.True((await processor.StopAsync(Long)).Drained);
        Assert.Equal(Ids(4), process.Completed.Keys.Order());
        Assert.All(process.Completed.Values, count => Assert.Equal(1, count));
        Assert.Equal(new OutboxCounts(0, 4, 0), await outbox.CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_QueueStaysFullPastTheTimeout_RejectsWithTimeout()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 1, options: new() { EnqueueTimeout = TimeSpan.FromSeconds(5) });
        await EnqueueAsync(processor, "evt-0");
        await process.EnteredAsync(1);
        await EnqueueAsync(processor, "evt-1");

        var waiting = processor.EnqueueAsync(QueueTestBed.Event("evt-2"));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await waiting.WaitAsync(QueueTestBed.Patience);

        Assert.Equal(EnqueueRejectReason.Timeout, result.Reason);
        Assert.Contains("stayed full for 00:00:05", result.Message, StringComparison.Ordinal);
        Assert.Null(await outbox.GetAsync("evt-2"));
        process.Open();
    }

    [Fact]
    public async Task EnqueueAsync_CallerCancelsTheWait_ThrowsAndStoresNothing()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 1);
        await EnqueueAsync(processor, "evt-0");
        await process.EnteredAsync(1);
        await EnqueueAsync(processor, "evt-1");
        using var cancel = new CancellationTokenSource();

        var waiting = processor.EnqueueAsync(QueueTestBed.Event("evt-2"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(QueueTestBed.Patience));
        Assert.Null(await outbox.GetAsync("evt-2"));
        process.Open();
        Assert.True((await processor.StopAsync(Long)).Drained);
        Assert.Equal(2, processor.Counters.Processed);
    }

    [Fact]
    public async Task EnqueueAsync_WaitingWhenTheProcessorStops_RejectsAsNotRunning()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 1);
        await EnqueueAsync(processor, "evt-0");
        await process.EnteredAsync(1);
        await EnqueueAsync(processor, "evt-1");
        var waiting = processor.EnqueueAsync(QueueTestBed.Event("evt-2"));

        var stopping = processor.StopAsync(Long);
        var result = await waiting.WaitAsync(QueueTestBed.Patience);
        process.Open();
        await stopping;

        Assert.Equal(EnqueueRejectReason.NotRunning, result.Reason);
        Assert.Null(await outbox.GetAsync("evt-2"));
        Assert.Equal(new OutboxCounts(0, 2, 0), await outbox.CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_BeforeStartOrAfterStop_RejectsAsNotRunning()
    {
        var outbox = await _bed.OpenOutboxAsync(_time);
        var processor = new BackgroundEventProcessor(new GatedProcess(open: true).Process, outbox, QueueTestBed.Performance(10, 1), null, new() { TimeProvider = _time });
        _bed.Track(processor);

        var before = await processor.EnqueueAsync(QueueTestBed.Event("evt-0"));
        await processor.StartAsync();
        await processor.StopAsync(Long);
        var after = await processor.EnqueueAsync(QueueTestBed.Event("evt-1"));

        Assert.Equal(EnqueueRejectReason.NotRunning, before.Reason);
        Assert.Contains("not been started", before.Message, StringComparison.Ordinal);
        Assert.Equal(EnqueueRejectReason.NotRunning, after.Reason);
        Assert.Contains("stopping", after.Message, StringComparison.Ordinal);
        Assert.Equal(new OutboxCounts(0, 0, 0), await outbox.CountAsync());
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public async Task EnqueueAsync_EventThatCannotBeStored_RejectsAsInvalidNamingTheField()
    {
        var (processor, outbox) = await StartAsync(new GatedProcess(open: true));

        var result = await processor.EnqueueAsync(QueueTestBed.Event("evt-0") with { Confidence = 2 });

        Assert.Equal(EnqueueRejectReason.InvalidEvent, result.Reason);
        Assert.Contains("'confidence'", result.Message, StringComparison.Ordinal);
        Assert.Equal(new OutboxCounts(0, 0, 0), await outbox.CountAsync());
    }

    [Fact]
    public async Task DisposeAsync_NeverStarted_StopsAtOnceWithNothingLeft()
    {
        var outbox = await _bed.OpenOutboxAsync(_time);
        var processor = new BackgroundEventProcessor(new GatedProcess().Process, outbox, QueueTestBed.Performance(10, 1), null, new() { TimeProvider = _time });

        await processor.DisposeAsync();

        Assert.Equal(new BackgroundStopResult(Drained: true, LeftPending: 0), await processor.StopAsync(Long));
        Assert.Equal(EnqueueRejectReason.NotRunning, (await processor.EnqueueAsync(QueueTestBed.Event("evt-0"))).Reason);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        var (processor, _) = await StartAsync(new GatedProcess(open: true));

        await Assert.ThrowsAsync<InvalidOperationException>(() => processor.StartAsync());
    }

    [Fact]
    public async Task Workers_ManyEvents_RunConcurrentlyUpToTheWorkerCountAndEachEventOnce()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, queueSize: 100, workers: 3);
        var ids = Ids(60);
        await EnqueueAsync(processor, ids);

        var first = await process.EnteredAsync(3);
        process.Open();
        Assert.True((await processor.StopAsync(Long)).Drained);

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(3, process.MaxRunning);
        Assert.Equal(ids.Order(), process.Completed.Keys.Order());
        Assert.All(process.Calls.Values, count => Assert.Equal(1, count));
        Assert.Equal(new OutboxCounts(0, 60, 0), await outbox.CountAsync());
        Assert.Equal(60, processor.Counters.Processed);
        Assert.Equal(0, processor.Counters.QueueDepth);
    }

    [Fact]
    public async Task Worker_EventFailsThenSucceeds_IsRetriedAndDoneWithItsAttempts()
    {
        var process = new GatedProcess(open: true) { Fail = (id, call) => call < 3 ? new InvalidOperationException($"flaky {call}") : null };
        var (processor, outbox) = await StartAsync(process, options: new() { MaxAttempts = 3 });

        await EnqueueAsync(processor, "evt-0");
        await processor.StopAsync(Long);

        var entry = await outbox.GetAsync("evt-0");
        Assert.Equal(OutboxEntryState.Done, entry!.State);
        Assert.Equal(3, entry.Attempts);
        Assert.Equal("InvalidOperationException: flaky 2", entry.LastError);
        Assert.Equal(2, processor.Counters.Retried);
        Assert.Equal(1, processor.Counters.Processed);
    }

    [Fact]
    public async Task Worker_EventAlwaysFails_IsMarkedFailedWithTheErrorAndTheQueueMovesOn()
    {
        var process = new GatedProcess(open: true) { Fail = (id, _) => id == "bad" ? new TimeoutException("store down") : null };
        var (processor, outbox) = await StartAsync(process, options: new() { MaxAttempts = 2 });

        await EnqueueAsync(processor, "bad", "good");
        await processor.StopAsync(Long);

        var bad = await outbox.GetAsync("bad");
        Assert.Equal(OutboxEntryState.Failed, bad!.State);
        Assert.Equal(2, bad.Attempts);
        Assert.Equal("TimeoutException: store down", bad.LastError);
        Assert.Equal(OutboxEntryState.Done, (await outbox.GetAsync("good"))!.State);
        Assert.Equal(["bad"], (await outbox.ListAsync(OutboxEntryState.Failed)).Select(e => e.EventId));
        Assert.Equal(1, processor.Counters.Failed);
    }

    [Fact]
    public async Task StopAsync_QueueDrainsBeforeTheDeadline_FinishesEveryEvent()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, workers: 2);
        await EnqueueAsync(processor, Ids(10));
        await process.EnteredAsync(2);

        var stopping = processor.StopAsync(TimeSpan.FromMinutes(1));
        Assert.False(stopping.IsCompleted);
        var refused = await processor.EnqueueAsync(QueueTestBed.Event("late"));
        process.Open();
        var stopped = await stopping.WaitAsync(QueueTestBed.Patience);

        Assert.Equal(new BackgroundStopResult(Drained: true, LeftPending: 0), stopped);
        Assert.Equal(EnqueueRejectReason.NotRunning, refused.Reason);
        Assert.Equal(new OutboxCounts(0, 10, 0), await outbox.CountAsync());
        Assert.Same(stopping, processor.StopAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task StopAsync_DeadlinePasses_LeavesTheRestPendingForTheNextStart()
    {
        var process = new GatedProcess();
        var (processor, outbox) = await StartAsync(process, workers: 2);
        await EnqueueAsync(processor, Ids(10));
        await process.EnteredAsync(2);
        process.Let(3);

        var stopping = processor.StopAsync(TimeSpan.FromMinutes(1));
        await process.EnteredAsync(3);
        _time.Advance(TimeSpan.FromMinutes(1));
        var stopped = await stopping.WaitAsync(QueueTestBed.Patience);

        Assert.False(stopped.Drained);
        var counts = await outbox.CountAsync();
        Assert.Equal(10, counts.Pending + counts.Done);
        Assert.Equal(stopped.LeftPending, counts.Pending);
        Assert.InRange(counts.Done, 3, 5);
        Assert.Equal(0, processor.Counters.QueueDepth);

        var next = new BackgroundEventProcessor(process.Process, outbox, QueueTestBed.Performance(100, 2), null, new() { TimeProvider = _time });
        _bed.Track(next);
        process.Open();
        await next.StartAsync();
        Assert.True((await next.StopAsync(Long)).Drained);
        Assert.Equal(new OutboxCounts(0, 10, 0), await outbox.CountAsync());
        Assert.Equal(counts.Pending, next.Counters.Recovered);
        Assert.Equal(Ids(10).Order(), process.Completed.Keys.Order());
        Assert.All(process.Completed.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task QueueDepth_EventsWaitingAndFinished_IsReportedThroughTheMeter()
    {
        using var metrics = new MemoryTriggersMetrics();
        long depth = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "memorytriggers.queue.depth")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref depth, value));
        listener.Start();
        var process = new GatedProcess();
        var (processor, _) = await StartAsync(process, metrics: metrics);

        await EnqueueAsync(processor, Ids(5));
        var waiting = Interlocked.Read(ref depth);
        var counted = processor.Counters.QueueDepth;
        process.Open();
        await processor.StopAsync(Long);

        Assert.Equal(5, waiting);
        Assert.Equal(5, counted);
        Assert.Equal(0, Interlocked.Read(ref depth));
    }
}
