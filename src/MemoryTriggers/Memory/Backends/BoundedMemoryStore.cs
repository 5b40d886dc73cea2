using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// Bounds the calls to another store: at most <see cref="MaxConcurrentOperations"/> in flight
/// (<c>performance.max_concurrent_operations</c>; later callers wait their turn, and a wait can be
/// cancelled), and each call limited in time: writes (create, update, delete, archive, quality,
/// tags) by <see cref="WriteTimeout"/> (<c>performance.create_timeout</c>), reads (get, recall,
/// list, history, stats) by <see cref="ReadTimeout"/> (<c>performance.recall_timeout</c>). The time
/// limit covers the wait for a slot too. A call over its limit throws
/// <see cref="MemoryStoreTimeoutException"/>; a call its caller cancels throws
/// <see cref="OperationCanceledException"/>. A timed-out call whose inner store ignores cancellation
/// keeps its slot until it really ends, so the bound holds even then.
/// </summary>
public sealed class BoundedMemoryStore : IMemoryStore
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly int _batchSize;

    /// <summary>Initializes a new instance of the <see cref="BoundedMemoryStore"/> class.</summary>
    /// <param name="inner">The store whose calls are bounded; disposed with this one.</param>
    /// <param name="maxConcurrentOperations">The most calls in flight; at least 1.</param>
    /// <param name="writeTimeout">The time allowed for one write; positive.</param>
    /// <param name="readTimeout">The time allowed for one read; positive.</param>
    /// <param name="batchSize">How many creates of <see cref="CreateManyAsync"/> share one <paramref name="writeTimeout"/>; at least 1.</param>
    /// <param name="timeProvider">The clock of the time limits; the system clock if null.</param>
    public BoundedMemoryStore(
        IMemoryStore inner,
        int maxConcurrentOperations,
        TimeSpan writeTimeout,
        TimeSpan readTimeout,
        int batchSize = 50,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentOperations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(writeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(readTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Inner = inner;
        MaxConcurrentOperations = maxConcurrentOperations;
        WriteTimeout = writeTimeout;
        ReadTimeout = readTimeout;
        _batchSize = batchSize;
        _time = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(maxConcurrentOperations, maxConcurrentOperations);
    }

    /// <summary>Gets the bounded store.</summary>
    public IMemoryStore Inner { get; }

    /// <summary>Gets the most calls in flight.</summary>
    public int MaxConcurrentOperations { get; }

    /// <summary>Gets the time allowed for one write.</summary>
    public TimeSpan WriteTimeout { get; }

    /// <summary>Gets the time allowed for one read.</summary>
    public TimeSpan ReadTimeout { get; }

    /// <summary>
    /// Bounds <paramref name="inner"/> as <c>performance</c> says: <c>max_concurrent_operations</c>,
    /// <c>create_timeout</c>, <c>recall_timeout</c> and <c>batch_size</c>.
    /// </summary>
    /// <param name="inner">The store to bound.</param>
    /// <param name="performance">The performance section.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <returns>The bounded store.</returns>
    public static BoundedMemoryStore FromConfiguration(IMemoryStore inner, PerformanceConfig performance, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(performance);
        return new BoundedMemoryStore(
            inner,
            performance.MaxConcurrentOperations,
            TimeSpan.FromSeconds(performance.CreateTimeout),
            TimeSpan.FromSeconds(performance.RecallTimeout),
            performance.BatchSize,
            timeProvider);
    }

    /// <inheritdoc />
    public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default) =>
        WriteAsync("create", (s, ct) => s.CreateAsync(draft, ct), cancellationToken);

    /// <summary>
    /// Creates the memories in one call to the inner store, allowed <see cref="WriteTimeout"/> for
    /// every started batch of <c>batch_size</c> drafts.
    /// </summary>
    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryCreateResult>> CreateManyAsync(IEnumerable<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var list = drafts.ToList();
        var batches = Math.Max(1, (list.Count + _batchSize - 1) / _batchSize);
        return RunAsync("create-many", WriteTimeout * batches, "performance.create_timeout per batch_size drafts", (s, ct) => s.CreateManyAsync(list, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync("get", (s, ct) => s.GetAsync(id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync("recall", (s, ct) => s.RecallAsync(query, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) =>
        WriteAsync("update", (s, ct) => s.UpdateAsync(id, update, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync("delete", (s, ct) => s.DeleteAsync(id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync("archive", (s, ct) => s.ArchiveAsync(id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) =>
        WriteAsync("set-quality", (s, ct) => s.SetQualityAsync(id, score, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) =>
        WriteAsync("add-tag", (s, ct) => s.AddTagAsync(id, tag, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) =>
        WriteAsync("remove-tag", (s, ct) => s.RemoveTagAsync(id, tag, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        ReadAsync("list", (s, ct) => s.ListAsync(offset, limit, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync("history", (s, ct) => s.HistoryAsync(id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("stats", (s, ct) => s.GetStatsAsync(ct), cancellationToken);

    /// <summary>Disposes the inner store.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        _slots.Dispose();
    }

    private static void ReleaseAbandoned(Task finished, SemaphoreSlim slots)
    {
        _ = finished.Exception;
        try
        {
            slots.Release();
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed while the abandoned call still ran.
        }
    }

    private Task<T> WriteAsync<T>(string operation, Func<IMemoryStore, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(operation, WriteTimeout, "performance.create_timeout", call, cancellationToken);

    private Task<T> ReadAsync<T>(string operation, Func<IMemoryStore, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(operation, ReadTimeout, "performance.recall_timeout", call, cancellationToken);

    private async Task<T> RunAsync<T>(
        string operation,
        TimeSpan limit,
        string setting,
        Func<IMemoryStore, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Task<T>? running = null;
        try
        {
            await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                running = call(Inner, linked.Token);
            }
            catch
            {
                _slots.Release();
                throw;
            }

            return await running.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MemoryStoreTimeoutException(operation, limit, setting, ex);
        }
        finally
        {
            if (running is not null)
            {
                if (running.IsCompleted)
                {
                    _slots.Release();
                }
                else
                {
                    // The caller stopped waiting but the inner call still runs: it keeps its slot until it ends.
                    _ = running.ContinueWith(
                        static (finished, state) => ReleaseAbandoned(finished, (SemaphoreSlim)state!),
                        _slots,
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
    }
}
