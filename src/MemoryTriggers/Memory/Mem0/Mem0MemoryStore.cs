using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>
/// An <see cref="IMemoryStore"/> on mem0, through a <see cref="Mem0Client"/>. mem0 keeps only text,
/// ids, metadata, timestamps and an expiration date, so the rest of a <see cref="MemoryRecord"/>
/// lives in reserved metadata keys, all starting with <c>mt_</c>: <c>mt_tags</c> (string array),
/// <c>mt_category</c>, <c>mt_quality</c>, <c>mt_source_rule</c>, <c>mt_archived</c> and
/// <c>mt_expires_at</c> (ISO-8601). The caller's metadata is stored beside them under its own keys
/// (keys starting with <c>mt_</c> are refused, and mem0's reserved keys such as <c>data</c> or
/// <c>user_id</c> cannot be used). Memories are stored verbatim (<c>infer: false</c>), never
/// rewritten by mem0's LLM. Ids are mem0's UUIDs. The content hash is recomputed from the text.
/// Calls without user, agent or run id use the defaults of <see cref="Mem0Options"/>; mem0 needs at
/// least one, so configure <c>user_id</c> (or an agent or run id) in backend_settings.
/// </summary>
public sealed class Mem0MemoryStore : IMemoryStore
{
    /// <summary>The prefix of the metadata keys the store reserves.</summary>
    public const string ReservedPrefix = "mt_";

    private const string TagsKey = "mt_tags";
    private const string CategoryKey = "mt_category";
    private const string QualityKey = "mt_quality";
    private const string SourceRuleKey = "mt_source_rule";
    private const string ArchivedKey = "mt_archived";
    private const string ExpiresKey = "mt_expires_at";
    private const int ScanLimit = 1000;

    private static readonly HashSet<string> HiddenKeys = new(StringComparer.Ordinal)
    {
        "data", "user_id", "agent_id", "run_id", "hash", "created_at", "updated_at", "expiration_date", "text_lemmatized",
    };

    private readonly Mem0Client _client;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="Mem0MemoryStore"/> class.</summary>
    /// <param name="client">The mem0 client.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="deduplicationWindow">The deduplication window (see <see cref="CreateAsync"/>); five minutes if null, none if zero.</param>
    public Mem0MemoryStore(Mem0Client client, TimeProvider? timeProvider = null, TimeSpan? deduplicationWindow = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var window = deduplicationWindow ?? InMemoryMemoryStore.DefaultDeduplicationWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero, nameof(deduplicationWindow));
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        DeduplicationWindow = window;
    }

    /// <summary>Gets how long after creating a memory the same content in the same scope returns it.</summary>
    public TimeSpan DeduplicationWindow { get; }

    /// <summary>
    /// Stores a memory with one add call (<c>infer: false</c>, one <c>user</c> message). Deduplication
    /// first lists the scope (up to 1000 memories) and compares content hashes and mem0's
    /// <c>created_at</c> with this store's clock. An expiry is sent both as mem0's
    /// <c>expiration_date</c> (the day it falls on) and exactly as <c>mt_expires_at</c>. The returned
    /// record is built from the draft and the id mem0 assigned, without another read.
    /// </summary>
    /// <inheritdoc />
    public async Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckDraft(draft, nameof(draft));

        CheckMetadataKeys(draft.Metadata, nameof(draft));
        var (userId, agentId, runId) = Scope(draft.UserId, draft.AgentId, draft.RunId);
        var hash = MemoryContentHash.Compute(draft.Content);
        var now = _time.GetUtcNow();
        if (DeduplicationWindow > TimeSpan.Zero)
        {
            var since = now - DeduplicationWindow;
            var existing = (await _client.ListAsync(userId, agentId, runId, ScanLimit, cancellationToken).ConfigureAwait(false))
                .Select(ToRecord)
                .Where(r => !r.Archived && r.CreatedAt > since && r.ContentHash == hash
                    && r.UserId == userId && r.AgentId == agentId && r.RunId == runId)
                .MaxBy(r => r.CreatedAt);
            if (existing is not null)
            {
                return new MemoryCreateResult(existing, Created: false);
            }
        }

        var tags = MemoryValues.CleanTags(draft.Tags);
        var category = string.IsNullOrEmpty(draft.Category) ? null : draft.Category;
        var expiresAt = now + draft.ExpiresAfter;
        var metadata = ToJson(draft.Metadata);
        if (tags.Count > 0)
        {
            metadata[TagsKey] = JsonSerializer.SerializeToElement(tags.ToArray());
        }

        Put(metadata, CategoryKey, category);
        Put(metadata, QualityKey, draft.QualityScore);
        Put(metadata, SourceRuleKey, draft.SourceRule);
        Put(metadata, ExpiresKey, expiresAt?.ToString("O", CultureInfo.InvariantCulture));
        var results = await _client.AddAsync(
            new Mem0AddRequest
            {
                Messages = [new Mem0Message("user", draft.Content)],
                UserId = userId,
                AgentId = agentId,
                RunId = runId,
                Metadata = metadata,
                ExpirationDate = expiresAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null,
                Infer = false,
            },
            cancellationToken).ConfigureAwait(false);
        var added = results.FirstOrDefault(r => string.Equals(r.Event, "ADD", StringComparison.OrdinalIgnoreCase)) ?? (results.Count > 0 ? results[0] : null)
            ?? throw new Mem0ApiException("mem0 stored nothing for the memory (its add returned no results).");
        var record = new MemoryRecord
        {
            Id = added.Id,
            Content = draft.Content,
            Tags = tags,
            Category = category,
            Metadata = draft.Metadata,
            QualityScore = draft.QualityScore,
            UserId = userId,
            AgentId = agentId,
            RunId = runId,
            SourceRule = draft.SourceRule,
            ContentHash = hash,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = expiresAt,
        };
        return new MemoryCreateResult(record, Created: true);
    }

    /// <summary>Reads one memory (OSS <c>null</c> and platform 404 both give null).</summary>
    /// <inheritdoc />
    public async Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var memory = await _client.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return memory is null ? null : ToRecord(memory);
    }

    /// <summary>
    /// With text, runs mem0's search (semantic, so ranking is mem0's score, not word counts) for up to
    /// four times the limit (at least 20, at most 1000); without text, lists the scope (up to 1000)
    /// most recently updated first. The scope ids go to mem0 as filters; tags, category, metadata,
    /// minimum quality, archival and exact expiry are filtered here, after the fetch, so fewer than
    /// <see cref="MemoryQuery.Limit"/> may come back even when more would match.
    /// </summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        if (query.MinQuality is { } minQuality)
        {
            MemoryValues.CheckQuality(minQuality, nameof(query));
        }

        if (query.Limit == 0)
        {
            return [];
        }

        var (userId, agentId, runId) = Scope(query.UserId, query.AgentId, query.RunId);
        IEnumerable<MemoryRecord> candidates;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var found = await _client.SearchAsync(
                new Mem0SearchRequest
                {
                    Query = query.Text,
                    UserId = userId,
                    AgentId = agentId,
                    RunId = runId,
                    TopK = Math.Clamp(query.Limit * 4, 20, ScanLimit),
                },
                cancellationToken).ConfigureAwait(false);
            candidates = found.Select(ToRecord);
        }
        else
        {
            var listed = await _client.ListAsync(userId, agentId, runId, ScanLimit, cancellationToken).ConfigureAwait(false);
            candidates = listed.Select(ToRecord).OrderByDescending(r => r.UpdatedAt);
        }

        var now = _time.GetUtcNow();
        return [.. candidates.Where(r => Matches(r, query, now)).Take(query.Limit)];
    }

    /// <summary>
    /// Reads the memory, then sends one <c>PUT</c>: new content as <c>text</c>; the caller's metadata
    /// entries (mem0 merges them), and tags, category (an empty category stores <c>mt_category: null</c>,
    /// since mem0 cannot remove a key) and quality as reserved keys. The returned record applies the
    /// update to what was read, with this store's clock as the update time.
    /// </summary>
    /// <inheritdoc />
    public async Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        MemoryValues.CheckUpdate(update, nameof(update));

        if (update.Metadata is not null)
        {
            CheckMetadataKeys(update.Metadata, nameof(update));
        }

        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var record = current;
        var metadata = update.Metadata is null ? [] : ToJson(update.Metadata);
        if (update.Content is not null)
        {
            record = record with { Content = update.Content, ContentHash = MemoryContentHash.Compute(update.Content) };
        }

        if (update.Tags is not null)
        {
            record = record with { Tags = MemoryValues.CleanTags(update.Tags) };
            metadata[TagsKey] = JsonSerializer.SerializeToElement(record.Tags.ToArray());
        }

        if (update.Category is not null)
        {
            record = record with { Category = update.Category.Length == 0 ? null : update.Category };
            metadata[CategoryKey] = JsonSerializer.SerializeToElement(record.Category);
        }

        if (update.Metadata is not null)
        {
            record = record with { Metadata = record.Metadata.SetRange(update.Metadata) };
        }

        if (update.QualityScore is { } score)
        {
            record = record with { QualityScore = score };
            metadata[QualityKey] = JsonSerializer.SerializeToElement(score);
        }

        var sent = await _client.UpdateAsync(id, new Mem0MemoryUpdate { Text = update.Content, Metadata = metadata }, cancellationToken).ConfigureAwait(false);
        return sent ? record with { UpdatedAt = _time.GetUtcNow() } : null;
    }

    /// <summary>Deletes through mem0's <c>DELETE</c>; mem0 keeps the history.</summary>
    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _client.DeleteAsync(id, cancellationToken);
    }

    /// <summary>Reads the memory and, unless already archived, sets <c>mt_archived: true</c> with an update.</summary>
    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        ChangeMetadataAsync(id, r => r.Archived ? null : new() { [ArchivedKey] = JsonSerializer.SerializeToElement(true) }, cancellationToken);

    /// <summary>Sets <c>mt_quality</c> with an update (after a read, to report an unknown id as false).</summary>
    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckQuality(score, nameof(score));
        return ChangeMetadataAsync(id, _ => new() { [QualityKey] = JsonSerializer.SerializeToElement(score) }, cancellationToken);
    }

    /// <summary>
    /// Reads the memory and, unless it has the tag, rewrites <c>mt_tags</c> with an update. The read
    /// and the write are two calls, so two concurrent tag changes to one memory can lose one.
    /// </summary>
    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return ChangeMetadataAsync(
            id,
            r => MemoryValues.HasTag(r, tag) ? null : new() { [TagsKey] = JsonSerializer.SerializeToElement(r.Tags.Append(tag.Trim()).ToArray()) },
            cancellationToken);
    }

    /// <summary>Reads the memory and, if it has the tag, rewrites <c>mt_tags</c> without it (same caveat as <see cref="AddTagAsync"/>).</summary>
    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return ChangeMetadataAsync(
            id,
            r => !MemoryValues.HasTag(r, tag)
                ? null
                : new() { [TagsKey] = JsonSerializer.SerializeToElement(r.Tags.Where(t => !string.Equals(t, tag.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray()) },
            cancellationToken);
    }

    /// <summary>
    /// Lists the default scope of <see cref="Mem0Options"/> (mem0 lists everything only for admins),
    /// oldest first by mem0's <c>created_at</c>; paging is done here over at most the first 1000.
    /// </summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        var (userId, agentId, runId) = Scope(null, null, null);
        var fetch = (int)Math.Min((long)offset + limit, ScanLimit);
        var listed = await _client.ListAsync(userId, agentId, runId, fetch, cancellationToken).ConfigureAwait(false);
        return [.. listed.Select(ToRecord).OrderBy(r => r.CreatedAt).Skip(offset).Take(limit)];
    }

    /// <summary>Does nothing: the store holds no resources of its own (the HTTP client belongs to its creator).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Summarizes the default scope of <see cref="Mem0Options"/> from a listing of at most its first
    /// 1000 memories (mem0 has no count endpoint); <see cref="MemoryStoreStats.Partial"/> says when
    /// the listing was cut off.
    /// </summary>
    /// <inheritdoc />
    public async Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var (userId, agentId, runId) = Scope(null, null, null);
        var listed = await _client.ListAsync(userId, agentId, runId, ScanLimit, cancellationToken).ConfigureAwait(false);
        var records = listed.Select(ToRecord).ToList();
        return MemoryStoreStats.FromRecords("mem0", records, _time.GetUtcNow()) with { Partial = records.Count >= ScanLimit };
    }

    /// <summary>
    /// Maps mem0's history: <c>ADD</c> → <see cref="MemoryChangeKind.Created"/>, <c>DELETE</c> →
    /// <see cref="MemoryChangeKind.Deleted"/>, everything else → <see cref="MemoryChangeKind.Updated"/>
    /// (mem0 records archival, tags and quality as plain updates; the detail is the new text when it changed).
    /// </summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entries = await _client.HistoryAsync(id, cancellationToken).ConfigureAwait(false);
        return [.. entries
            .Select(e => new MemoryChange(
                id,
                e.Event?.ToUpperInvariant() switch
                {
                    "ADD" => MemoryChangeKind.Created,
                    "DELETE" => MemoryChangeKind.Deleted,
                    _ => MemoryChangeKind.Updated,
                },
                e.CreatedAt ?? e.UpdatedAt ?? DateTimeOffset.MinValue,
                string.Equals(e.Event, "UPDATE", StringComparison.OrdinalIgnoreCase) && e.NewMemory != e.OldMemory ? e.NewMemory : null))
            .OrderBy(c => c.At)];
    }

    private async Task<bool> ChangeMetadataAsync(string id, Func<MemoryRecord, Dictionary<string, JsonElement>?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        return change(current) is not { } metadata
            || await _client.UpdateAsync(id, new Mem0MemoryUpdate { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
    }

    private (string? UserId, string? AgentId, string? RunId) Scope(string? userId, string? agentId, string? runId)
    {
        var options = _client.Options;
        return userId is null && agentId is null && runId is null
            ? (options.DefaultUserId, options.DefaultAgentId, options.DefaultRunId)
            : (userId, agentId, runId);
    }

    private static bool Matches(MemoryRecord record, MemoryQuery query, DateTimeOffset now) =>
        (query.IncludeArchived || !record.Archived)
        && (record.ExpiresAt is not { } expiresAt || expiresAt > now)
        && (query.Category is null || string.Equals(record.Category, query.Category, StringComparison.OrdinalIgnoreCase))
        && (query.MinQuality is not { } min || record.QualityScore >= min)
        && query.Tags.All(tag => MemoryValues.HasTag(record, tag))
        && query.Metadata.All(entry => record.Metadata.TryGetValue(entry.Key, out var value) && MemoryValues.MetadataEquals(value, entry.Value));

    private static void CheckMetadataKeys(ValueMap<object?> metadata, string paramName)
    {
        foreach (var key in metadata.Keys)
        {
            if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal) || HiddenKeys.Contains(key))
            {
                throw new ArgumentException($"The metadata key '{key}' is reserved by the mem0 store.", paramName);
            }
        }
    }

    private static MemoryRecord ToRecord(Mem0Memory memory)
    {
        var raw = memory.Metadata ?? [];
        var metadata = ValueMap<object?>.From(raw
            .Where(e => !e.Key.StartsWith(ReservedPrefix, StringComparison.Ordinal) && !HiddenKeys.Contains(e.Key))
            .Select(e => new KeyValuePair<string, object?>(e.Key, FromJson(e.Value))));
        var tags = raw.TryGetValue(TagsKey, out var t) && t.ValueKind == JsonValueKind.Array
            ? MemoryValues.CleanTags(t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!))
            : ValueList<string>.Empty;
        var created = memory.CreatedAt ?? memory.UpdatedAt ?? DateTimeOffset.UnixEpoch;
        DateTimeOffset? expires = StringOf(raw, ExpiresKey) is { } exact && DateTimeOffset.TryParse(exact, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e1)
            ? e1
            : memory.ExpirationDate is { } date && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e2)
                ? e2
                : null;
        return new MemoryRecord
        {
            Id = memory.Id,
            Content = memory.Memory,
            Tags = tags,
            Category = StringOf(raw, CategoryKey) is { Length: > 0 } category ? category : null,
            Metadata = metadata,
            QualityScore = raw.TryGetValue(QualityKey, out var q) && q.ValueKind == JsonValueKind.Number ? q.GetDouble() : null,
            UserId = memory.UserId,
            AgentId = memory.AgentId,
            RunId = memory.RunId,
            SourceRule = StringOf(raw, SourceRuleKey),
            ContentHash = MemoryContentHash.Compute(memory.Memory),
            CreatedAt = created,
            UpdatedAt = memory.UpdatedAt ?? created,
            ExpiresAt = expires,
            Archived = raw.TryGetValue(ArchivedKey, out var a) && a.ValueKind == JsonValueKind.True,
        };
    }

    private static string? StringOf(Dictionary<string, JsonElement> raw, string key) =>
        raw.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Put<T>(Dictionary<string, JsonElement> metadata, string key, T? value)
    {
        if (value is not null)
        {
            metadata[key] = JsonSerializer.SerializeToElement(value);
        }
    }

    private static Dictionary<string, JsonElement> ToJson(ValueMap<object?> metadata) =>
        metadata.ToDictionary(e => e.Key, e => JsonSerializer.SerializeToElement(ToPlain(e.Value)), StringComparer.Ordinal);

    private static object? ToPlain(object? value) => value switch
    {
        null or string or bool => value,
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => ToPlain(e.Value)),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
        _ => value,
    };

    private static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => ValueList<object?>.From(value.EnumerateArray().Select(FromJson)),
        JsonValueKind.Object => ValueMap<object?>.From(value.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, FromJson(p.Value)))),
        _ => null,
    };
}
