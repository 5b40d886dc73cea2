using System.Threading.Channels;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// Processes trigger events in the background without losing any (docs/operations.md,
/// "Background processing"): an accepted event is first committed to the <see cref="EventOutbox"/>,
/// then queued in a bounded queue (<c>performance.background_queue_size</c>) served by
/// <c>performance.worker_thread_count</c> workers calling <see cref="MemoryTriggerService.ProcessAsync"/>,
/// and marked done in the outbox once processed.
/// </summary>
/// <remarks>
/// <para>A full queue makes <see cref="EnqueueAsync"/> wait (cancellable, with an optional timeout) or
/// reject at once, per <see cref="BackgroundEventProcessorOptions.FullMode"/>; an event is never dropped
/// silently. An event id already in the outbox is a duplicate and is not queued again.</para>
/// <para>On start, the entries a previous run left pending (it crashed, or its shutdown deadline
/// passed) are processed before new events. An event whose processing throws is retried up to
/// <see cref="BackgroundEventProcessorOptions.MaxAttempts"/> times, then marked failed with the error.</para>
/// <para>Give the service an <see cref="EventIdempotentMemoryStore"/>: an event run again after a crash
/// between its memory being stored and its entry being marked done then finds its memory instead of
/// creating a second one.</para>
/// </remarks>
public sealed class BackgroundEventProcessor : IAsyncDisposable
{
    private const int RecoveryPage = 256;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly Func<TriggerEvent, CancellationToken, Task<TriggerResult>> _process;
    private readonly EventOutbox _outbox;
    private readonly MemoryTriggersMetrics? _metrics;
    private readonly BackgroundEventProcessorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<QueuedEvent> _queue;
    private readonly Channel<QueuedEvent> _recovery;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _enqueuesIdle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<BackgroundStopResult> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private ProcessorState _state;
    private int _activeEnqueues;
    private Task _started = Task.CompletedTask;
    private Task[] _workers = [];
    private Task _feeder = Task.CompletedTask;
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _recovered;
    private long _processed;
    private long _retried;
    private long _failed;
    private long _depth;
    private long _lastPruneTicks;

    /// <summary>Initializes a new instance of the <see cref="BackgroundEventProcessor"/> class; call <see cref="StartAsync"/> before enqueueing.</summary>
    /// <param name="service">Processes the events; its <c>performance</c> settings size the queue and the workers, and its metrics get the queue depth. The caller owns it.</param>
    /// <param name="outbox">Where accepted events are kept until processed. The caller owns it and disposes it after this processor.</param>
    /// <param name="options">Queue, retry and shutdown settings; defaults if null.</param>
    public BackgroundEventProcessor(MemoryTriggerService service, EventOutbox outbox, BackgroundEventProcessorOptions? options = null)
        : this(ProcessOf(service), outbox, service.Config.Performance, service.Metrics, options)
    {
    }

    /// <summary>Initializes a new instance with any processing function (tests use gated and failing ones).</summary>
    internal BackgroundEventProcessor(
        Func<TriggerEvent, CancellationToken, Task<TriggerResult>> process,
        EventOutbox outbox,
        PerformanceConfig performance,
        MemoryTriggersMetrics? metrics,
        BackgroundEventProcessorOptions? options)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(performance);
        _options = options ?? new BackgroundEventProcessorOptions();
        Capacity = _options.QueueSize ?? performance.BackgroundQueueSize;
        WorkerCount = _options.WorkerCount ?? performance.WorkerThreadCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EnqueueTimeout ?? TimeSpan.Zero, TimeSpan.Zero, nameof(options));
        _process = process;
        _outbox = outbox;
        _metrics = metrics;
        _time = _options.TimeProvider;
        _logger = _options.LoggerFactory.CreateLogger<BackgroundEventProcessor>();
        _slots = new SemaphoreSlim(Capacity, Capacity);
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(Capacity) { SingleWriter = false, SingleReader = false });
        _recovery = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(Math.Min(Capacity, RecoveryPage)) { SingleWriter = true, SingleReader = false });
    }

    private enum ProcessorState
    {
        Created,
        Starting,
        Running,
        Stopping,
        Stopped,
    }

    /// <summary>Gets how many events may wait in the queue.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many workers process events at once.</summary>
    public int WorkerCount { get; }

    /// <summary>Gets a value indicating whether the processor accepts events (started and not stopping).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _state == ProcessorState.Running;
            }
        }
    }

    /// <summary>Gets what the processor has done since it started.</summary>
    public BackgroundProcessorCounters Counters => new()
    {
        Accepted = Interlocked.Read(ref _accepted),
        Duplicates = Interlocked.Read(ref _duplicates),
        Rejected = Interlocked.Read(ref _rejected),
        Recovered = Interlocked.Read(ref _recovered),
        Processed = Interlocked.Read(ref _processed),
        Retried = Interlocked.Read(ref _retried),
        Failed = Interlocked.Read(ref _failed),
        QueueDepth = Interlocked.Read(ref _depth),
    };

    /// <summary>
    /// Starts the workers. The entries the outbox holds pending from before (a crash, or a shutdown
    /// whose deadline passed) are queued first, in the order they were accepted.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the processor accepts events.</returns>
    /// <exception cref="InvalidOperationException">The processor was started before.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_state != ProcessorState.Created)
            {
                throw new InvalidOperationException("The background processor was started before; create a new one to start again.");
            }

            _state = ProcessorState.Starting;
            _started = StartCoreAsync(cancellationToken);
            return _started;
        }
    }

    /// <summary>
    /// Offers an event. It is accepted once its outbox entry is committed; when the queue is full the
    /// call waits for room or rejects, per <see cref="BackgroundEventProcessorOptions.FullMode"/>.
    /// </summary>
    /// <param name="triggerEvent">The event; its id is the idempotency key.</param>
    /// <param name="cancellationToken">Cancels a wait for room; the event is then not accepted.</param>
    /// <returns>Accepted, Duplicate, or Rejected with the reason.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled while waiting for room; nothing was stored.</exception>
    public async Task<EnqueueResult> EnqueueAsync(TriggerEvent triggerEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triggerEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var id = triggerEvent.Id ?? string.Empty;
        if (TriggerEventJson.Problem(triggerEvent) is { } problem)
        {
            return Reject(id, EnqueueRejectReason.InvalidEvent, problem);
        }

        lock (_lock)
        {
            if (_state != ProcessorState.Running)
            {
                return Reject(
                    id,
                    EnqueueRejectReason.NotRunning,
                    _state is ProcessorState.Created or ProcessorState.Starting
                        ? "The background processor has not been started; the event was not accepted."
                        : "The background processor is stopping; the event was not accepted.");
            }

            _activeEnqueues++;
        }

        try
        {
            if (!_slots.Wait(0, CancellationToken.None))
            {
                if (_options.FullMode == QueueFullMode.Reject)
                {
                    return Reject(id, EnqueueRejectReason.QueueFull, $"The queue is full ({Capacity} events waiting); the event was not accepted. Try again later.");
                }

                if (await WaitForRoomAsync(id, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }
            }

            return await AcceptAsync(triggerEvent).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                if (--_activeEnqueues == 0 && _state != ProcessorState.Running)
                {
                    _enqueuesIdle.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// Stops accepting events and drains the queue: the workers finish the queued events until
    /// <paramref name="deadline"/> passes; then the event in progress is cancelled and everything not
    /// finished stays pending in the outbox, to run on the next start. Calling it again returns the first result.
    /// </summary>
    /// <param name="deadline">How long the drain may take (measured with the processor's clock).</param>
    /// <param name="cancellationToken">Ends the drain at once, as if the deadline had passed.</param>
    /// <returns>Whether everything was drained, and how many events were left pending.</returns>
    public Task<BackgroundStopResult> StopAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        bool first;
        lock (_lock)
        {
            first = _state is not (ProcessorState.Stopping or ProcessorState.Stopped);
            if (first)
            {
                var wasCreated = _state == ProcessorState.Created;
                _state = wasCreated ? ProcessorState.Stopped : ProcessorState.Stopping;
                if (_activeEnqueues == 0)
                {
                    _enqueuesIdle.TrySetResult();
                }

                if (wasCreated)
                {
                    _stopped.TrySetResult(new BackgroundStopResult(Drained: true, LeftPending: 0));
                }
            }
        }

        if (first && !_stopped.Task.IsCompleted)
        {
            _ = StopCoreAsync(deadline, cancellationToken);
        }

        return _stopped.Task;
    }

    /// <summary>Stops with <see cref="BackgroundEventProcessorOptions.ShutdownDeadline"/> if running, then releases what the processor holds (not the service or the outbox).</summary>
    /// <returns>A task that completes when the processor is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_options.ShutdownDeadline).ConfigureAwait(false);

        // An accept still committing when the deadline passed releases its slot when it returns.
        await _enqueuesIdle.Task.ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }

    private static Func<TriggerEvent, CancellationToken, Task<TriggerResult>> ProcessOf(MemoryTriggerService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.ProcessAsync;
    }

    /// <summary>The ids of the memories the event's create_memory actions gave (created or deduplicated), its pattern event's included.</summary>
    private static List<string> MemoryIdsOf(TriggerResult result)
    {
        var ids = new List<string>();
        for (var r = result; r is not null; r = r.Pattern)
        {
            foreach (var action in r.Decision?.Results.SelectMany(rule => rule.Actions) ?? [])
            {
                if (action.Type == PolicyActionType.CreateMemory && action.Status == ActionStatus.Succeeded
                    && action.Output.TryGetValue("memory_id", out var id) && id is string text && !ids.Contains(text))
                {
                    ids.Add(text);
                }
            }
        }

        return ids;
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var boundary = await _outbox.LastSequenceAsync(cancellationToken).ConfigureAwait(false);
            var pending = (await _outbox.CountAsync(cancellationToken).ConfigureAwait(false)).Pending;
            Interlocked.Exchange(ref _lastPruneTicks, _time.GetUtcNow().UtcTicks);
            _feeder = Task.Run(() => FeedRecoveredAsync(boundary), CancellationToken.None);
            _workers = [.. Enumerable.Range(0, WorkerCount).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
            lock (_lock)
            {
                if (_state == ProcessorState.Starting)
                {
                    _state = ProcessorState.Running;
                }
            }

            QueueLog.Started(_logger, WorkerCount, Capacity, _outbox.FullPath, pending);
        }
        catch
        {
            lock (_lock)
            {
                if (_state == ProcessorState.Starting)
                {
                    _state = ProcessorState.Created;
                }
            }

            throw;
        }
    }

    private async Task<EnqueueResult?> WaitForRoomAsync(string id, CancellationToken cancellationToken)
    {
        using var timeout = _options.EnqueueTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token, timeout?.Token ?? CancellationToken.None);
        try
        {
            await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return _stopping.IsCancellationRequested
                ? Reject(id, EnqueueRejectReason.NotRunning, "The background processor stopped while the event waited for room in the queue; it was not accepted.")
                : Reject(id, EnqueueRejectReason.Timeout, $"The queue stayed full for {_options.EnqueueTimeout}; the event was not accepted. Try again later.");
        }
    }

    /// <summary>With a slot held: commits the event to the outbox, then queues it.</summary>
    private async Task<EnqueueResult> AcceptAsync(TriggerEvent e)
    {
        OutboxAcceptance acceptance;
        try
        {
            acceptance = await _outbox.AcceptAsync(e.Id, TriggerEventJson.Serialize(e), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _slots.Release();
            return Reject(e.Id, EnqueueRejectReason.StorageFailed, $"The outbox '{_outbox.FullPath}' could not store the event ({Describe(ex)}); it was not accepted.");
        }

        if (acceptance.IsDuplicate)
        {
            _slots.Release();
            Interlocked.Increment(ref _duplicates);
            return new EnqueueResult
            {
                EventId = e.Id,
                Status = EnqueueStatus.Duplicate,
                Sequence = acceptance.Sequence,
                ExistingState = acceptance.Existing,
                Message = $"An event with id '{e.Id}' was accepted before (it is {YamlNames.Of(acceptance.Existing!.Value)}); it was not queued again.",
            };
        }

        Interlocked.Increment(ref _accepted);
        AddDepth(1);
        if (!_queue.Writer.TryWrite(new QueuedEvent(acceptance.Sequence, e.Id, e, null)))
        {
            // The drain's deadline passed while the entry was being committed: it is pending in the outbox for the next start.
            _slots.Release();
            AddDepth(-1);
        }

        return new EnqueueResult
        {
            EventId = e.Id,
            Status = EnqueueStatus.Accepted,
            Sequence = acceptance.Sequence,
            Message = $"Event '{e.Id}' accepted (outbox entry {acceptance.Sequence}).",
        };
    }

    private EnqueueResult Reject(string id, EnqueueRejectReason reason, string message)
    {
        Interlocked.Increment(ref _rejected);
        QueueLog.Rejected(_logger, id, reason, message);
        return new EnqueueResult { EventId = id, Status = EnqueueStatus.Rejected, Reason = reason, Message = message };
    }

    private void AddDepth(long delta)
    {
        Interlocked.Add(ref _depth, delta);
        _metrics?.QueueDepth(delta);
    }

    /// <summary>Queues the entries pending from before the start, page by page, in acceptance order.</summary>
    private async Task FeedRecoveredAsync(long boundary)
    {
        try
        {
            var after = 0L;
            while (!_abort.IsCancellationRequested)
            {
                var page = await _outbox.ReadPendingAsync(after, boundary, RecoveryPage, CancellationToken.None).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var entry in page)
                {
                    AddDepth(1);
                    try
                    {
                        await _recovery.Writer.WriteAsync(new QueuedEvent(entry.Sequence, entry.EventId, null, entry), _abort.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        AddDepth(-1);
                        throw;
                    }

                    after = entry.Sequence;
                    Interlocked.Increment(ref _recovered);
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The deadline passed: the entries not queued stay pending.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            QueueLog.RecoveryFailed(_logger, ex);
        }
        finally
        {
            _recovery.Writer.TryComplete();
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _recovery.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                await HandleAsync(item).ConfigureAwait(false);
            }

            await foreach (var item in _queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                _slots.Release();
                await HandleAsync(item).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The deadline passed: what is still queued stays pending in the outbox.
        }
    }

    /// <summary>Processes one entry to done or failed; leaves it pending when the deadline passes or the outbox cannot be written.</summary>
    private async Task HandleAsync(QueuedEvent item)
    {
        var finished = false;
        try
        {
            finished = await ProcessEntryAsync(item).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            QueueLog.OutboxWriteFailed(_logger, ex, item.EventId);
        }
        finally
        {
            if (finished)
            {
                AddDepth(-1);
            }
        }

        await PruneIfDueAsync().ConfigureAwait(false);
    }

    private async Task<bool> ProcessEntryAsync(QueuedEvent item)
    {
        if (_abort.IsCancellationRequested)
        {
            return false;
        }

        TriggerEvent e;
        int attempt;
        if (item.Recovered is { } entry)
        {
            if (ReadStored(entry, out var problem) is not { } stored)
            {
                await _outbox.FailAsync(entry.Sequence, entry.Attempts, problem!, final: true).ConfigureAwait(false);
                Interlocked.Increment(ref _failed);
                QueueLog.Unreadable(_logger, entry.Sequence, entry.EventId, problem!);
                return true;
            }

            if (entry.Attempts >= _options.MaxAttempts)
            {
                var error = $"The process stopped during each of the event's {entry.Attempts} attempts; it is not tried again.";
                await _outbox.FailAsync(entry.Sequence, entry.Attempts, error, final: true).ConfigureAwait(false);
                Interlocked.Increment(ref _failed);
                QueueLog.Failed(_logger, entry.EventId, entry.Attempts, error);
                return true;
            }

            // Recorded before it runs, so an event that brings the process down is given up after MaxAttempts starts.
            e = stored;
            attempt = entry.Attempts + 1;
            await _outbox.BeginAttemptAsync(entry.Sequence, attempt).ConfigureAwait(false);
        }
        else
        {
            e = item.Event!;
            attempt = 1;
        }

        while (true)
        {
            TriggerResult? result = null;
            Exception? failure = null;
            try
            {
                using (EventProcessingScope.Enter(item.EventId, replay: item.Recovered is not null || attempt > 1))
                {
                    result = await _process(e, _abort.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failure = ex;
            }

            if (result is not null)
            {
                await _outbox.CompleteAsync(item.Sequence, attempt, MemoryIdsOf(result)).ConfigureAwait(false);
                Interlocked.Increment(ref _processed);
                return true;
            }

            var message = failure is null ? "The service returned no result." : Describe(failure);
            if (attempt >= _options.MaxAttempts)
            {
                await _outbox.FailAsync(item.Sequence, attempt, message, final: true).ConfigureAwait(false);
                Interlocked.Increment(ref _failed);
                QueueLog.Failed(_logger, item.EventId, attempt, message);
                return true;
            }

            await _outbox.FailAsync(item.Sequence, attempt, message, final: false).ConfigureAwait(false);
            Interlocked.Increment(ref _retried);
            QueueLog.Retrying(_logger, failure!, item.EventId, attempt, _options.MaxAttempts);
            try
            {
                if (_options.RetryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.RetryDelay * attempt, _time, _abort.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                return false;
            }

            attempt++;
        }
    }

    /// <summary>Reads a stored event back; a damaged entry gives the problem, never an exception.</summary>
    private static TriggerEvent? ReadStored(OutboxEntry entry, out string? problem)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(entry.EventJson);
            var read = TriggerEventReader.FromJson(document.RootElement, "outbox");
            if (read.Event is null)
            {
                problem = $"The stored event is not valid: {read.Issue?.Message}";
                return null;
            }

            if (!string.Equals(read.Event.Id, entry.EventId, StringComparison.Ordinal))
            {
                problem = $"The stored event's id '{read.Event.Id}' is not the entry's id '{entry.EventId}'.";
                return null;
            }

            problem = null;
            return read.Event;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            problem = $"The stored event is not valid JSON: {ex.Message}";
            return null;
        }
    }

    private async Task PruneIfDueAsync()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (now - last < PruneInterval.Ticks || Interlocked.CompareExchange(ref _lastPruneTicks, now, last) != last)
        {
            return;
        }

        try
        {
            var pruned = await _outbox.PruneAsync().ConfigureAwait(false);
            QueueLog.Pruned(_logger, pruned);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            QueueLog.OutboxWriteFailed(_logger, ex, "(prune)");
        }
    }

    /// <summary>Runs the stop; the deadline's timer starts before the first await, so the deadline counts from the call.</summary>
    private async Task StopCoreAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(deadline > TimeSpan.Zero ? deadline : TimeSpan.FromTicks(1), _time);
        using var onDeadline = timer.Token.Register(_abort.Cancel);
        using var onCancel = cancellationToken.Register(_abort.Cancel);
        if (deadline <= TimeSpan.Zero)
        {
            _abort.Cancel();
        }

        _stopping.Cancel();
        try
        {
            try
            {
                await _started.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed start has no workers to stop.
            }

            try
            {
                await _enqueuesIdle.Task.WaitAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The deadline passed while an accept was being committed: that event stays pending.
            }

            _queue.Writer.TryComplete();
            await Task.WhenAll([.. _workers, _feeder]).ConfigureAwait(false);
            var left = Interlocked.Exchange(ref _depth, 0);
            _metrics?.QueueDepth(-left);
            lock (_lock)
            {
                _state = ProcessorState.Stopped;
            }

            QueueLog.Stopped(_logger, left == 0, left);
            _stopped.TrySetResult(new BackgroundStopResult(left == 0, left));
        }
        catch (Exception ex)
        {
            _stopped.TrySetException(ex);
        }
    }
}
