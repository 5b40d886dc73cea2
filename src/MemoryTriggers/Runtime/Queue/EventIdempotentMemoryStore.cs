using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// Wraps the store a <see cref="MemoryTriggerService"/> writes to, so that an event processed more
/// than once (retried, or replayed after a crash between its memory being stored and its outbox
/// entry being marked done) never creates a second memory. Give the service this store when it
/// serves a <see cref="BackgroundEventProcessor"/>.
/// </summary>
/// <remarks>
/// While a processor's worker runs an event, every memory created is stamped with the event's id in
/// the metadata entry <see cref="EventIdKey"/>. When the event may have run before (an attempt after
/// the first, or an entry found pending when the processor started), a create first looks for a
/// memory stamped with that id, with the same content hash and the same user, agent and run; if
/// there is one, it is returned (not created) as the store's own deduplication would. This does
/// not depend on the store's deduplication window. Outside a worker, calls pass through unchanged.
/// </remarks>
public sealed class EventIdempotentMemoryStore : IMemoryStore
{
    /// <summary>The metadata entry holding the id of the event that created a memory: <c>trigger_event_id</c>.</summary>
    public const string EventIdKey = "trigger_event_id";

    /// <summary>The most stamped memories one replayed create compares against.</summary>
    private const int LookupLimit = 1000;

    private readonly IMemoryStore _inner;
    private readonly bool _ownsInner;

    /// <summary>Initializes a new instance of the <see cref="EventIdempotentMemoryStore"/> class.</summary>
    /// <param name="inner">The store to write to.</param>
    /// <param name="ownsInner">Whether disposing this store disposes <paramref name="inner"/>.</param>
    public EventIdempotentMemoryStore(IMemoryStore inner, bool ownsInner = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _ownsInner = ownsInner;
    }

    /// <summary>Gets the wrapped store.</summary>
    public IMemoryStore Inner => _inner;

    /// <inheritdoc />
    public async Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (EventProcessingScope.Current is not { } scope)
        {
            return await _inner.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        }

        var stamped = Stamp(draft, scope.EventId);
        if (scope.Replay && await FindAsync(stamped, scope.EventId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new MemoryCreateResult(existing, Created: false);
        }

        return await _inner.CreateAsync(stamped, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryCreateResult>> CreateManyAsync(IEnumerable<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (EventProcessingScope.Current is not { } scope)
        {
            return await _inner.CreateManyAsync(drafts, cancellationToken).ConfigureAwait(false);
        }

        if (!scope.Replay)
        {
            return await _inner.CreateManyAsync(drafts.Select(d => Stamp(d, scope.EventId)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var results = new List<MemoryCreateResult>();
        foreach (var draft in drafts)
        {
            results.Add(await CreateAsync(draft, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) => _inner.RecallAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) => _inner.UpdateAsync(id, update, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) => _inner.ArchiveAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) => _inner.SetQualityAsync(id, score, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) => _inner.AddTagAsync(id, tag, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) => _inner.RemoveTagAsync(id, tag, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) => _inner.ListAsync(offset, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) => _inner.HistoryAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => _inner.GetStatsAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsInner ? _inner.DisposeAsync() : ValueTask.CompletedTask;

    private static MemoryDraft Stamp(MemoryDraft draft, string eventId) =>
        draft with { Metadata = draft.Metadata.SetItem(EventIdKey, eventId) };

    private async Task<MemoryRecord?> FindAsync(MemoryDraft draft, string eventId, CancellationToken cancellationToken)
    {
        var query = new MemoryQuery
        {
            UserId = draft.UserId,
            AgentId = draft.AgentId,
            RunId = draft.RunId,
            Metadata = ValueMap<object?>.From([new(EventIdKey, eventId)]),
            IncludeArchived = true,
            Limit = LookupLimit,
        };
        var hash = MemoryContentHash.Compute(draft.Content);
        var stamped = await _inner.RecallAsync(query, cancellationToken).ConfigureAwait(false);
        return stamped.FirstOrDefault(r =>
            string.Equals(r.UserId, draft.UserId, StringComparison.Ordinal)
            && string.Equals(r.AgentId, draft.AgentId, StringComparison.Ordinal)
            && string.Equals(r.RunId, draft.RunId, StringComparison.Ordinal)
            && string.Equals(MemoryContentHash.Compute(r.Content), hash, StringComparison.Ordinal));
    }
}
