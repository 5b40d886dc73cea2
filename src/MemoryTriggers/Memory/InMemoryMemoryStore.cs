using System.Globalization;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>
/// A thread-safe <see cref="IMemoryStore"/> that keeps everything in process memory, for tests and
/// dry runs. Nothing survives the instance.
/// </summary>
public sealed class InMemoryMemoryStore : IMemoryStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MemoryChange>> _history = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Func<string> _newId;
    private long _sequence;

    /// <summary>Initializes a new instance of the <see cref="InMemoryMemoryStore"/> class.</summary>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="deduplicationWindow">
    /// How long after creating a memory the same content in the same scope returns it instead of
    /// creating another; <see cref="DefaultDeduplicationWindow"/> if null, no deduplication if zero.
    /// </param>
    /// <param name="newId">Makes ids; a GUID's 32 hex digits if null. Each id it returns must be new.</param>
    public InMemoryMemoryStore(TimeProvider? timeProvider = null, TimeSpan? deduplicationWindow = null, Func<string>? newId = null)
    {
        var window = deduplicationWindow ?? DefaultDeduplicationWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero, nameof(deduplicationWindow));
        _time = timeProvider ?? TimeProvider.System;
        _newId = newId ?? (static () => Guid.NewGuid().ToString("N"));
        DeduplicationWindow = window;
    }

    /// <summary>Gets the deduplication window used when none is given: five minutes.</summary>
    public static TimeSpan DefaultDeduplicationWindow { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how long after creating a memory the same content in the same scope returns it.</summary>
    public TimeSpan DeduplicationWindow { get; }

    /// <summary>Gets the number of memories held, archived ones included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckDraft(draft, nameof(draft));

        cancellationToken.ThrowIfCancellationRequested();
        var hash = MemoryContentHash.Compute(draft.Content);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (FindDuplicate(draft, hash, now) is { } existing)
            {
                return Task.FromResult(new MemoryCreateResult(existing, Created: false));
            }

            var id = _newId();
            if (string.IsNullOrEmpty(id) || _entries.ContainsKey(id) || _history.ContainsKey(id))
            {
                throw new InvalidOperationException($"The id generator returned '{id}', which is empty or already used.");
            }

            var record = MemoryValues.NewRecord(id, draft, hash, now);
            _entries.Add(id, new Entry(record, _sequence++));
            Record(id, MemoryChangeKind.Created, now, null);
            return Task.FromResult(new MemoryCreateResult(record, Created: true));
        }
    }

    /// <inheritdoc />
    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry.Record : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        if (query.MinQuality is { } minQuality)
        {
            MemoryValues.CheckQuality(minQuality, nameof(query));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var terms = MemoryValues.Terms(query.Text);
        List<Entry> candidates;
        DateTimeOffset now;
        lock (_lock)
        {
            now = _time.GetUtcNow();
            candidates = [.. _entries.Values];
        }

        IReadOnlyList<MemoryRecord> found = candidates
            .Where(entry => Matches(entry.Record, query, now))
            .Select(entry => (entry, score: MemoryValues.CountMatches(entry.Record, terms)))
            .Where(match => terms.Count == 0 || match.score > 0)
            .OrderByDescending(match => match.score)
            .ThenByDescending(match => match.entry.Record.UpdatedAt)
            .ThenByDescending(match => match.entry.Sequence)
            .Take(query.Limit)
            .Select(match => match.entry.Record)
            .ToList();
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        MemoryValues.CheckUpdate(update, nameof(update));

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return Task.FromResult<MemoryRecord?>(null);
            }

            var now = _time.GetUtcNow();
            var record = MemoryValues.Apply(entry.Record, update, now, out var changed);
            _entries[id] = entry with { Record = record };
            Record(id, MemoryChangeKind.Updated, now, changed);
            return Task.FromResult<MemoryRecord?>(record);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_entries.Remove(id))
            {
                return Task.FromResult(false);
            }

            Record(id, MemoryChangeKind.Deleted, _time.GetUtcNow(), null);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        Change(id, 0, static (record, _) => record.Archived ? null : (record with { Archived = true }, MemoryChangeKind.Archived, null), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckQuality(score, nameof(score));
        return Change(
            id,
            score,
            static (record, score) => (record with { QualityScore = score }, MemoryChangeKind.QualitySet, score.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return Change(
            id,
            tag,
            static (record, tag) => MemoryValues.HasTag(record, tag)
                ? null
                : (record with { Tags = ValueList<string>.From([.. record.Tags, tag.Trim()]) }, MemoryChangeKind.Tagged, tag.Trim()),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Change(
            id,
            tag,
            static (record, tag) => !MemoryValues.HasTag(record, tag)
                ? null
                : (record with { Tags = ValueList<string>.From(record.Tags.Where(t => !string.Equals(t, tag.Trim(), StringComparison.OrdinalIgnoreCase))) },
                    MemoryChangeKind.Untagged,
                    tag.Trim()),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<MemoryRecord> page = _entries.Values
                .OrderBy(entry => entry.Sequence)
                .Skip(offset)
                .Take(limit)
                .Select(entry => entry.Record)
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <summary>Does nothing: the store holds no resources.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var records = _entries.Values.Select(entry => entry.Record).ToList();
            return Task.FromResult(MemoryStoreStats.FromRecords("in-memory", records, _time.GetUtcNow()));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<MemoryChange> changes = _history.TryGetValue(id, out var list) ? [.. list] : [];
            return Task.FromResult(changes);
        }
    }

    private static bool Matches(MemoryRecord record, MemoryQuery query, DateTimeOffset now) =>
        (query.IncludeArchived || !record.Archived)
        && (record.ExpiresAt is not { } expiresAt || expiresAt > now)
        && (query.UserId is null || string.Equals(record.UserId, query.UserId, StringComparison.Ordinal))
        && (query.AgentId is null || string.Equals(record.AgentId, query.AgentId, StringComparison.Ordinal))
        && (query.RunId is null || string.Equals(record.RunId, query.RunId, StringComparison.Ordinal))
        && (query.Category is null || string.Equals(record.Category, query.Category, StringComparison.OrdinalIgnoreCase))
        && (query.MinQuality is not { } min || record.QualityScore >= min)
        && query.Tags.All(tag => MemoryValues.HasTag(record, tag))
        && query.Metadata.All(entry => record.Metadata.TryGetValue(entry.Key, out var value) && MemoryValues.MetadataEquals(value, entry.Value));

    private MemoryRecord? FindDuplicate(MemoryDraft draft, string hash, DateTimeOffset now)
    {
        if (DeduplicationWindow == TimeSpan.Zero)
        {
            return null;
        }

        var since = now - DeduplicationWindow;
        return _entries.Values
            .Select(entry => entry.Record)
            .Where(record => !record.Archived
                && record.CreatedAt > since
                && string.Equals(record.ContentHash, hash, StringComparison.Ordinal)
                && string.Equals(record.UserId, draft.UserId, StringComparison.Ordinal)
                && string.Equals(record.AgentId, draft.AgentId, StringComparison.Ordinal)
                && string.Equals(record.RunId, draft.RunId, StringComparison.Ordinal))
            .MaxBy(record => record.CreatedAt);
    }

    private Task<bool> Change<TState>(
        string id,
        TState state,
        Func<MemoryRecord, TState, (MemoryRecord Record, MemoryChangeKind Kind, string? Detail)?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return Task.FromResult(false);
            }

            if (change(entry.Record, state) is { } changed)
            {
                var now = _time.GetUtcNow();
                _entries[id] = entry with { Record = changed.Record with { UpdatedAt = now } };
                Record(id, changed.Kind, now, changed.Detail);
            }

            return Task.FromResult(true);
        }
    }

    private void Record(string id, MemoryChangeKind kind, DateTimeOffset at, string? detail)
    {
        if (!_history.TryGetValue(id, out var list))
        {
            list = [];
            _history.Add(id, list);
        }

        list.Add(new MemoryChange(id, kind, at, detail));
    }

    private sealed record Entry(MemoryRecord Record, long Sequence);
}
