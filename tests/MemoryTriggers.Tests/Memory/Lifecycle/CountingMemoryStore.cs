using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

/// <summary>Passes every call to an inner store, counting the calls the cleaner makes and letting a test act before them.</summary>
internal sealed class CountingMemoryStore(IMemoryStore inner) : IMemoryStore
{
    private int _lists;
    private int _deletes;
    private int _archives;

    public IMemoryStore Inner { get; } = inner;

    public int Lists => Volatile.Read(ref _lists);

    public int Deletes => Volatile.Read(ref _deletes);

    public int Archives => Volatile.Read(ref _archives);

    public int LargestPage { get; private set; }

    /// <summary>Gets or sets what runs before each ListAsync, with the offset asked for.</summary>
    public Func<int, Task>? BeforeList { get; set; }

    /// <summary>Gets or sets what runs before each DeleteAsync, with the number of the call (1 for the first).</summary>
    public Func<int, Task>? BeforeDelete { get; set; }

    /// <summary>Gets or sets what runs after each DeleteAsync or ArchiveAsync, with the number of such calls so far.</summary>
    public Action<int>? AfterChange { get; set; }

    public async Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        LargestPage = Math.Max(LargestPage, limit);
        if (BeforeList is { } before)
        {
            await before(offset);
        }

        return await Inner.ListAsync(offset, limit, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _deletes);
        if (BeforeDelete is { } before)
        {
            await before(call);
        }

        var deleted = await Inner.DeleteAsync(id, cancellationToken);
        AfterChange?.Invoke(Deletes + Archives);
        return deleted;
    }

    public async Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _archives);
        var archived = await Inner.ArchiveAsync(id, cancellationToken);
        AfterChange?.Invoke(Deletes + Archives);
        return archived;
    }

    public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default) => Inner.CreateAsync(draft, cancellationToken);

    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => Inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) => Inner.RecallAsync(query, cancellationToken);

    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) => Inner.UpdateAsync(id, update, cancellationToken);

    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) => Inner.SetQualityAsync(id, score, cancellationToken);

    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) => Inner.AddTagAsync(id, tag, cancellationToken);

    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) => Inner.RemoveTagAsync(id, tag, cancellationToken);

    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) => Inner.HistoryAsync(id, cancellationToken);

    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => Inner.GetStatsAsync(cancellationToken);

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
