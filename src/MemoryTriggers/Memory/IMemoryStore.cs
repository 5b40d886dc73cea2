namespace MemoryTriggers.Memory;

/// <summary>
/// Where memories live. Implementations are thread-safe and may be remote, so every call is
/// asynchronous and cancellable. Methods taking an id report an unknown id by returning null,
/// false or an empty list rather than by throwing. Disposing a store releases what it holds
/// (pooled file handles); a store is not used after it is disposed.
/// </summary>
public interface IMemoryStore : IAsyncDisposable
{
    /// <summary>
    /// Stores a new memory. Idempotent: when a memory that is not archived, has the same content
    /// hash and the same user, agent and run ids was created within the store's deduplication
    /// window, that memory is returned instead and nothing is stored.
    /// </summary>
    /// <param name="draft">The memory to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored or existing memory, and whether it is new.</returns>
    Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Reads one memory, archived or expired ones included.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory, or null if no memory has the id.</returns>
    Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds memories matching a query (see <see cref="MemoryQuery"/>), ranked by the number of
    /// query words matched, then most recently updated first. Expired memories are never returned.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>At most <see cref="MemoryQuery.Limit"/> memories, best first.</returns>
    Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Changes a memory; metadata entries are merged into the existing ones, other parts replaced.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed memory, or null if no memory has the id.</returns>
    Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a memory; its history is kept.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a memory was deleted.</returns>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Archives a memory: it is kept but no longer recalled by default.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the memory exists (it is archived now, also if it already was).</returns>
    Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sets a memory's quality score.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="score">The score, in [0, 1].</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the memory exists.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside [0, 1].</exception>
    Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default);

    /// <summary>Adds a tag to a memory, unless it already has it (ignoring case).</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="tag">The tag; must not be empty or white space.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the memory exists (it has the tag now).</returns>
    Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default);

    /// <summary>Removes a tag (ignoring case) from a memory, if it has it.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the memory exists (it lacks the tag now).</returns>
    Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default);

    /// <summary>Lists memories, archived and expired ones included, oldest first.</summary>
    /// <param name="offset">How many memories to skip.</param>
    /// <param name="limit">The most memories returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page of memories.</returns>
    Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Reads what happened to a memory, oldest first; a deleted memory's history is kept.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes, or an empty list if the id was never used.</returns>
    Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores many memories, each as by <see cref="CreateAsync"/>. Stores that can write in batches
    /// (the SQLite store, <c>performance.batch_size</c> per transaction) override this; the default
    /// creates them one by one.
    /// </summary>
    /// <param name="drafts">The memories to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per draft, in order.</returns>
    async Task<IReadOnlyList<MemoryCreateResult>> CreateManyAsync(IEnumerable<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var results = new List<MemoryCreateResult>();
        foreach (var draft in drafts)
        {
            results.Add(await CreateAsync(draft, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Summarizes what the store holds.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The figures.</returns>
    Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
