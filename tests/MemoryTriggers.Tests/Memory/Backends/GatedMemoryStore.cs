using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Backends;

/// <summary>
/// A test double whose every call waits until <see cref="Open"/> (honouring cancellation unless
/// <c>ignoreCancellation</c>), counting the calls in flight and the most seen at once.
/// </summary>
internal sealed class GatedMemoryStore(bool ignoreCancellation = false) : IMemoryStore
{
    private static readonly MemoryRecord Record = new()
    {
        Id = "m1",
        Content = "gated",
        ContentHash = MemoryContentHash.Compute("gated"),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Calls => Volatile.Read(ref _calls);

    public void Open() => _gate.TrySetResult();

    public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default) =>
        EnterAsync(new MemoryCreateResult(Record, true), cancellationToken);

    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => EnterAsync<MemoryRecord?>(Record, cancellationToken);

    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) =>
        EnterAsync<IReadOnlyList<MemoryRecord>>([Record], cancellationToken);

    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) =>
        EnterAsync<MemoryRecord?>(Record, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => EnterAsync(true, cancellationToken);

    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) => EnterAsync(true, cancellationToken);

    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) => EnterAsync(true, cancellationToken);

    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) => EnterAsync(true, cancellationToken);

    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) => EnterAsync(true, cancellationToken);

    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        EnterAsync<IReadOnlyList<MemoryRecord>>([Record], cancellationToken);

    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        EnterAsync<IReadOnlyList<MemoryChange>>([], cancellationToken);

    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        EnterAsync(MemoryStoreStats.FromRecords("gated", [Record], DateTimeOffset.UnixEpoch), cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> EnterAsync<T>(T result, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await (ignoreCancellation ? _gate.Task : _gate.Task.WaitAsync(cancellationToken));
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
