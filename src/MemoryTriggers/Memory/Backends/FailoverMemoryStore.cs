using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Encryption;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// A primary store with failover: a write the primary cannot take because it is unavailable (see
/// docs/operations.md: transport failure, timeout, 429 or 5xx after the client's retries, open
/// circuit, busy SQLite file; never a 4xx or invalid-argument error, which propagates) is applied
/// to the first failover store that takes it and recorded in a durable journal. Reads while the
/// primary is unavailable, or while journaled writes wait, are served by the failover stores.
/// After <see cref="RetryInterval"/> the next call tries the primary again, replaying the journal
/// first, in order; <see cref="ReplayAsync"/> replays on demand. A new write never reaches the
/// primary before the journaled writes: while any wait, writes are journaled too.
/// </summary>
/// <remarks>
/// <para>
/// Memories created on a failover store keep the failover store's id; the journal maps it to the
/// primary's id once replayed, so callers can keep using it (records read after replay carry the
/// primary's id). A replayed create carries the metadata entry <see cref="MarkerKey"/> with its
/// failover id; the failover copy is deleted once the primary has it, so a failover store holds
/// only memories that wait for replay.
/// </para>
/// <para>
/// Exactly once: each journal entry is removed in the same SQLite transaction that records its
/// primary id. Updates, deletes, archival, quality and tag changes are idempotent, so repeating one
/// after a crash changes nothing. Before a create is sent its attempt is recorded; a create whose
/// earlier attempt may have reached the primary is first looked up there by its marker, and sent
/// again only if absent.
/// </para>
/// <para>
/// Writes naming a memory that lives only on the primary cannot be failed over: while the primary
/// is unavailable they throw <see cref="MemoryStoreUnavailableException"/>, and reads of such a
/// memory find nothing.
/// </para>
/// </remarks>
public sealed class FailoverMemoryStore : IMemoryStore
{
    /// <summary>The metadata key a replayed create carries, holding the memory's failover id.</summary>
    public const string MarkerKey = "failover_id";

    /// <summary>The default wait before an unavailable primary is tried again: 30 seconds.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(30);

    private const int ReplayBatch = 100;

    private static readonly object BoxedFalse = false;

    private readonly IMemoryStore[] _failovers;
    private readonly FailoverJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _downUntil;
    private long _replayed;
    private long _failedOver;
    private long _rejected;

    private FailoverMemoryStore(IMemoryStore primary, IMemoryStore[] failovers, FailoverJournal journal, TimeSpan retryInterval, TimeProvider time, ILogger logger)
    {
        Primary = primary;
        _failovers = failovers;
        _journal = journal;
        RetryInterval = retryInterval;
        _time = time;
        _logger = logger;
        _rejected = journal.CountRejected();
    }

    /// <summary>Gets the primary store.</summary>
    public IMemoryStore Primary { get; }

    /// <summary>Gets the failover stores, in order of preference.</summary>
    public IReadOnlyList<IMemoryStore> FailoverStores => _failovers;

    /// <summary>Gets the full path of the journal file.</summary>
    public string JournalPath => _journal.FullPath;

    /// <summary>Gets how long after an availability error the primary is left alone before it is tried again.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>Gets the number of journaled writes waiting for replay.</summary>
    public long PendingEntries => _journal.PendingCount;

    /// <summary>Gets the number of journaled writes replayed to the primary since the store was opened.</summary>
    public long ReplayedEntries => Interlocked.Read(ref _replayed);

    /// <summary>Gets the number of writes failed over (and journaled) since the store was opened.</summary>
    public long FailedOverWrites => Interlocked.Read(ref _failedOver);

    /// <summary>Gets the number of journaled writes the primary has rejected on replay (kept in the journal's <c>rejected_entries</c>).</summary>
    public long RejectedEntries => Interlocked.Read(ref _rejected);

    /// <summary>Gets a value indicating whether the primary is considered available (no availability error since it last answered).</summary>
    public bool IsPrimaryAvailable => Interlocked.Read(ref _downUntil) == 0;

    private bool Healthy => PendingEntries == 0 && IsPrimaryAvailable;

    private bool PrimaryDue => Interlocked.Read(ref _downUntil) is var until && (until == 0 || _time.GetUtcNow().UtcTicks >= until);

    /// <summary>Opens the journal and composes the store; writes waiting in the journal are replayed on the first call.</summary>
    /// <param name="primary">The primary store; disposed with this one.</param>
    /// <param name="failovers">The failover stores, in order of preference; at least one; disposed with this one.</param>
    /// <param name="journalPath">The journal file; it and its directory are created if missing. One process per journal.</param>
    /// <param name="retryInterval">How long to leave an unavailable primary alone; <see cref="DefaultRetryInterval"/> if null.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="logger">The logger; none if null.</param>
    /// <param name="journalKey">
    /// With a key (the factory passes the one of <c>backend.encryption_key_path</c> when
    /// <c>encryption_enabled</c>), the content the journal holds is sealed with AES-256-GCM.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store.</returns>
    public static async Task<FailoverMemoryStore> OpenAsync(
        IMemoryStore primary,
        IReadOnlyList<IMemoryStore> failovers,
        string journalPath,
        TimeSpan? retryInterval = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        MemoryEncryptionKey? journalKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(failovers);
        ArgumentOutOfRangeException.ThrowIfZero(failovers.Count, nameof(failovers));
        var interval = retryInterval ?? DefaultRetryInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(retryInterval));
        var journal = await FailoverJournal.OpenAsync(journalPath, journalKey, cancellationToken).ConfigureAwait(false);
        return new FailoverMemoryStore(primary, [.. failovers], journal, interval, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>Replays the journaled writes to the primary now, in order, whatever the retry interval.</summary>
    /// <param name="cancellationToken">Cancels the call; entries already replayed stay replayed.</param>
    /// <returns>What was replayed, and whether the journal is empty now.</returns>
    public async Task<FailoverReplayReport> ReplayAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return PendingEntries == 0
                ? new FailoverReplayReport(0, 0, 0, 0, Completed: true, Error: null)
                : await ReplayLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckDraft(draft, nameof(draft));
        return (MemoryCreateResult)(await WriteAsync(new FailoverOperation(FailoverOperationKind.Create, null, Draft: draft), cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// With the primary available and nothing waiting, hands the drafts to the primary in one call;
    /// if that fails for availability, the drafts are created one by one as by <see cref="CreateAsync"/>
    /// (drafts the primary had already stored are then replayed onto themselves, which the primary's
    /// deduplication window absorbs).
    /// </summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryCreateResult>> CreateManyAsync(IEnumerable<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var list = drafts.ToList();
        foreach (var draft in list)
        {
            MemoryValues.CheckDraft(draft, nameof(drafts));
        }

        if (Healthy)
        {
            try
            {
                return await Primary.CreateManyAsync(list, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                MarkDown(ex);
            }
        }

        var results = new List<MemoryCreateResult>(list.Count);
        foreach (var draft in list)
        {
            results.Add(await CreateAsync(draft, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await ReadByIdAsync(id, (s, i, ct) => s.GetAsync(i, ct), r => r is null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync((s, ct) => s.RecallAsync(query, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        MemoryValues.CheckUpdate(update, nameof(update));
        return (MemoryRecord?)await WriteAsync(new FailoverOperation(FailoverOperationKind.Update, id, Update: update), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        WriteFlagAsync(new FailoverOperation(FailoverOperationKind.Delete, id), cancellationToken);

    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        WriteFlagAsync(new FailoverOperation(FailoverOperationKind.Archive, id), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckQuality(score, nameof(score));
        return WriteFlagAsync(new FailoverOperation(FailoverOperationKind.SetQuality, id, Score: score), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return WriteFlagAsync(new FailoverOperation(FailoverOperationKind.AddTag, id, Tag: tag), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WriteFlagAsync(new FailoverOperation(FailoverOperationKind.RemoveTag, id, Tag: tag), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync((s, ct) => s.ListAsync(offset, limit, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadByIdAsync(id, (s, i, ct) => s.HistoryAsync(i, ct), r => r.Count == 0, [], cancellationToken);
    }

    /// <summary>The primary's figures; while it is unavailable or writes wait for replay, the first failover store's.</summary>
    /// <inheritdoc />
    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetStatsAsync(ct), cancellationToken);

    /// <summary>Closes the journal and disposes the primary and failover stores.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync().ConfigureAwait(false);
        await Primary.DisposeAsync().ConfigureAwait(false);
        foreach (var failover in _failovers)
        {
            await failover.DisposeAsync().ConfigureAwait(false);
        }

        _lock.Dispose();
    }

    private async Task<bool> WriteFlagAsync(FailoverOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation.TargetId);
        return (bool)(await WriteAsync(operation, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<object?> WriteAsync(FailoverOperation operation, CancellationToken cancellationToken)
    {
        var mapping = Mapping(operation.TargetId);
        if (mapping is { Replayed: true, PrimaryId: null })
        {
            return NotFound(operation);
        }

        if (Healthy && mapping is not { Replayed: false })
        {
            try
            {
                return await ApplyToPrimaryAsync(operation, mapping, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                MarkDown(ex);
            }
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpLockedAsync(cancellationToken).ConfigureAwait(false);
            mapping = Mapping(operation.TargetId);
            if (mapping is { Replayed: true, PrimaryId: null })
            {
                return NotFound(operation);
            }

            Exception? primaryError = null;
            if (PendingEntries == 0 && PrimaryDue && mapping is not { Replayed: false })
            {
                try
                {
                    var result = await ApplyToPrimaryAsync(operation, mapping, cancellationToken).ConfigureAwait(false);
                    MarkUp();
                    return result;
                }
                catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
                {
                    MarkDown(ex);
                    primaryError = ex;
                }
            }

            return await FailOverLockedAsync(operation, mapping, primaryError, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private Task<object?> ApplyToPrimaryAsync(FailoverOperation operation, FailoverIdMapping? mapping, CancellationToken cancellationToken) =>
        operation.ApplyAsync(Primary, mapping?.PrimaryId ?? operation.TargetId, cancellationToken);

    private async Task<object?> FailOverLockedAsync(FailoverOperation operation, FailoverIdMapping? mapping, Exception? primaryError, CancellationToken cancellationToken)
    {
        if (operation.Kind != FailoverOperationKind.Create && mapping is not { Replayed: false })
        {
            var message = $"The primary memory store is unavailable and memory '{operation.TargetId}' lives only there; the {operation.Name} was not applied.";
            throw primaryError is null ? new MemoryStoreUnavailableException(message) : new MemoryStoreUnavailableException(message, primaryError);
        }

        // The journal entry comes first: a crash after the failover write cannot leave it unrecorded.
        var seq = _journal.Append(operation, _time.GetUtcNow());
        var keep = false;
        try
        {
            var last = primaryError;
            IEnumerable<int> candidates = mapping is { } m ? [m.StoreIndex] : Enumerable.Range(0, _failovers.Length);
            foreach (var index in candidates)
            {
                object? result;
                try
                {
                    result = await operation.ApplyAsync(_failovers[index], operation.TargetId, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
                {
                    last = ex;
                    continue;
                }

                if (result is MemoryCreateResult created)
                {
                    // A create the failover store deduplicated onto a memory already journaled needs no entry of its own.
                    if (created.Created || !_journal.TryGetMapping(created.Record.Id, out _))
                    {
                        _journal.RecordFailoverCreate(seq, created.Record.Id, index);
                        keep = true;
                    }
                }
                else
                {
                    keep = !FailoverOperation.IsNotFound(result);
                }

                if (keep)
                {
                    Interlocked.Increment(ref _failedOver);
                    FailoverLog.WriteFailedOver(_logger, operation.Name, index, PendingEntries);
                }

                return result;
            }

            var message = $"The primary memory store and every failover store are unavailable; the {operation.Name} was not applied.";
            throw last is null ? new MemoryStoreUnavailableException(message) : new MemoryStoreUnavailableException(message, last);
        }
        finally
        {
            if (!keep)
            {
                _journal.Remove(seq);
            }
        }
    }

    private async Task<T> ReadAsync<T>(Func<IMemoryStore, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        if (PendingEntries == 0 && PrimaryDue)
        {
            try
            {
                var result = await read(Primary, cancellationToken).ConfigureAwait(false);
                MarkUp();
                return result;
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                MarkDown(ex);
            }
        }

        Exception? last = null;
        foreach (var failover in _failovers)
        {
            try
            {
                return await read(failover, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                last = ex;
            }
        }

        throw new MemoryStoreUnavailableException("The primary memory store and every failover store are unavailable.", last!);
    }

    private async Task<T> ReadByIdAsync<T>(
        string id,
        Func<IMemoryStore, string, CancellationToken, Task<T>> read,
        Func<T, bool> isEmpty,
        T empty,
        CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var mapping = Mapping(id);
        switch (mapping)
        {
            case { Replayed: true, PrimaryId: null }:
                return empty;
            case { Replayed: false }:
                return await read(_failovers[mapping.StoreIndex], id, cancellationToken).ConfigureAwait(false);
        }

        if (PendingEntries == 0 && PrimaryDue)
        {
            try
            {
                var result = await read(Primary, mapping?.PrimaryId ?? id, cancellationToken).ConfigureAwait(false);
                MarkUp();
                return result;
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                MarkDown(ex);
            }
        }

        Exception? last = null;
        var answered = false;
        foreach (var failover in _failovers)
        {
            try
            {
                var found = await read(failover, id, cancellationToken).ConfigureAwait(false);
                answered = true;
                if (!isEmpty(found))
                {
                    return found;
                }
            }
            catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
            {
                last = ex;
            }
        }

        return answered || last is null ? empty : throw new MemoryStoreUnavailableException("The primary memory store and every failover store are unavailable.", last);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (PendingEntries == 0 || !PrimaryDue)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task CatchUpLockedAsync(CancellationToken cancellationToken)
    {
        if (PendingEntries > 0 && PrimaryDue)
        {
            await ReplayLockedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FailoverReplayReport> ReplayLockedAsync(CancellationToken cancellationToken)
    {
        int replayed = 0, skipped = 0, rejected = 0;
        while (_journal.ReadPending(ReplayBatch) is { Count: > 0 } batch)
        {
            foreach (var entry in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (bool Applied, string? PrimaryId) outcome;
                try
                {
                    outcome = await ReplayEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, cancellationToken))
                {
                    _journal.RecordAttempt(entry.Sequence, ex.Message, starting: false);
                    MarkDown(ex);
                    FailoverLog.ReplayInterrupted(_logger, entry.Sequence, ex.Message, PendingEntries);
                    return new FailoverReplayReport(replayed, skipped, rejected, PendingEntries, Completed: false, ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _journal.Complete(entry, primaryId: null, rejection: ex.Message, _time.GetUtcNow());
                    rejected++;
                    Interlocked.Increment(ref _rejected);
                    FailoverLog.ReplayRejected(_logger, entry.Sequence, entry.Operation.Name, ex.Message);
                    continue;
                }

                _journal.Complete(entry, outcome.PrimaryId, rejection: null, _time.GetUtcNow());
                if (outcome.Applied)
                {
                    replayed++;
                    Interlocked.Increment(ref _replayed);
                }
                else
                {
                    skipped++;
                }

                if (entry.Operation is { Kind: FailoverOperationKind.Create, TargetId: { } failoverId } && Mapping(failoverId) is { } mapping)
                {
                    await DeleteFailoverCopyAsync(mapping).ConfigureAwait(false);
                }
            }
        }

        MarkUp();
        FailoverLog.ReplayFinished(_logger, replayed, skipped, rejected, PendingEntries);
        return new FailoverReplayReport(replayed, skipped, rejected, PendingEntries, Completed: true, Error: null);
    }

    private async Task<(bool Applied, string? PrimaryId)> ReplayEntryAsync(FailoverJournalEntry entry, CancellationToken cancellationToken)
    {
        var operation = entry.Operation;
        if (operation.Kind == FailoverOperationKind.Create)
        {
            var draft = operation.Draft!;
            if (draft.ExpiresAfter is { } after)
            {
                var remaining = entry.RecordedAt + after - _time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    return (false, null);
                }

                draft = draft with { ExpiresAfter = remaining };
            }

            var marker = operation.TargetId ?? $"journal-{entry.Sequence}";
            if (entry.Attempts > 0 && await FindReplayedAsync(draft, marker, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return (true, found.Id);
            }

            _journal.RecordAttempt(entry.Sequence, null, starting: true);
            var created = await Primary.CreateAsync(draft with { Metadata = draft.Metadata.SetItem(MarkerKey, marker) }, cancellationToken).ConfigureAwait(false);
            return (true, created.Record.Id);
        }

        var target = operation.TargetId!;
        if (Mapping(target) is { } mapping)
        {
            if (mapping.PrimaryId is null)
            {
                return (false, null);
            }

            target = mapping.PrimaryId;
        }

        var result = await operation.ApplyAsync(Primary, target, cancellationToken).ConfigureAwait(false);
        return (!FailoverOperation.IsNotFound(result), null);
    }

    private async Task<MemoryRecord?> FindReplayedAsync(MemoryDraft draft, string marker, CancellationToken cancellationToken)
    {
        var found = await Primary.RecallAsync(
            new MemoryQuery
            {
                UserId = draft.UserId,
                AgentId = draft.AgentId,
                RunId = draft.RunId,
                Metadata = ValueMap<object?>.Empty.SetItem(MarkerKey, marker),
                IncludeArchived = true,
                Limit = 1,
            },
            cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task DeleteFailoverCopyAsync(FailoverIdMapping mapping)
    {
        try
        {
            await _failovers[mapping.StoreIndex].DeleteAsync(mapping.FailoverId).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreAvailability.IsUnavailable(ex, CancellationToken.None))
        {
            // The copy stays; the id map sends every later call for it to the primary.
        }
    }

    private FailoverIdMapping? Mapping(string? id) => id is not null && _journal.TryGetMapping(id, out var mapping) ? mapping : null;

    private static object? NotFound(FailoverOperation operation) => operation.Kind == FailoverOperationKind.Update ? null : BoxedFalse;

    private void MarkDown(Exception error)
    {
        var until = (_time.GetUtcNow() + RetryInterval).UtcTicks;
        if (Interlocked.Exchange(ref _downUntil, Math.Max(1, until)) == 0)
        {
            FailoverLog.PrimaryUnavailable(_logger, error.Message, JournalPath, RetryInterval.TotalSeconds);
        }
    }

    private void MarkUp() => Interlocked.Exchange(ref _downUntil, 0);
}
