using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Encryption;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// An <see cref="IMemoryStore"/> in a local SQLite file: WAL journal, versioned schema, FTS5 recall
/// ranked as the interface says (matched words, then most recent) with BM25 breaking ties. Thread-safe (a pooled connection per call, writes serialized
/// in the process) and safe with other processes on the same file (immediate transactions that
/// wait up to <see cref="SqliteMemoryStoreOptions.BusyTimeout"/> for the write lock).
/// </summary>
/// <remarks>
/// Query words match memories whose content or tags have a word starting with them (expanded
/// through the vocabulary, see <see cref="SqliteSearchIndex"/>), where the in-memory store matches any substring. With
/// <see cref="SqliteMemoryStoreOptions.EncryptionKey"/>, content and metadata are stored encrypted
/// (AES-256-GCM) and recall matches whole words only, through keyed tokens (see docs/operations.md).
/// </remarks>
public sealed class SqliteMemoryStore : IMemoryStore, IAsyncDisposable
{
    private const string Columns =
        "m.id, m.content, m.tags_json, m.category, m.metadata_json, m.quality, m.user_id, m.agent_id, m.run_id, "
        + "m.source_rule, m.content_hash, m.created_at, m.updated_at, m.expires_at, m.archived, m.seq, m.sealed_content, m.sealed_metadata, m.rev";

    private const string IndexJoin = "memories_fts JOIN memories m ON m.rev = memories_fts.rowid";

    private const string ContentField = "content";
    private const string MetadataField = "metadata";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Func<string> _newId;
    private readonly bool _checkIds;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _busyMilliseconds;
    private readonly MemoryCipher? _cipher;
    private readonly SqliteSearchIndex _search;

    private SqliteMemoryStore(SqliteMemoryStoreOptions options, string fullPath, TimeProvider time, Func<string>? newId)
    {
        Options = options;
        FullPath = fullPath;
        _time = time;
        _newId = newId ?? (static () => Guid.CreateVersion7().ToString("N"));
        _checkIds = newId is not null;
        _cipher = options.EncryptionKey is { } key ? new MemoryCipher(key) : null;
        _search = new SqliteSearchIndex(_cipher);
        _busyMilliseconds = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(Math.Max(1, options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Gets the options the store was opened with.</summary>
    public SqliteMemoryStoreOptions Options { get; }

    /// <summary>Gets the full path of the database file.</summary>
    public string FullPath { get; }

    /// <summary>Gets how long after creating a memory the same content in the same scope returns it.</summary>
    public TimeSpan DeduplicationWindow => Options.DeduplicationWindow;

    /// <summary>Gets a value indicating whether the store keeps content and metadata encrypted.</summary>
    public bool IsEncrypted => _cipher is not null;

    /// <summary>
    /// Opens the store, creating the file and its directory if needed, switching it to WAL and
    /// applying missing schema migrations. With a key, a new or never used store becomes encrypted;
    /// every key check happens before anything is written.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="newId">Makes ids; if null, a version 7 GUID's 32 hex digits (time-ordered, so the id index grows at its end). Each id it returns must be new.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="MemoryEncryptionException">
    /// The store is encrypted and no key or another key was given, or it is a plaintext store holding
    /// memories and a key was given. The file is left as it was.
    /// </exception>
    public static async Task<SqliteMemoryStore> OpenAsync(
        SqliteMemoryStoreOptions options,
        TimeProvider? timeProvider = null,
        Func<string>? newId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeduplicationWindow, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var time = timeProvider ?? TimeProvider.System;
        var store = new SqliteMemoryStore(options, fullPath, time, newId);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

            // Refuse a key mismatch before WAL, migrations or anything else can write to the file.
            SqliteEncryptionState.Check(SqliteEncryptionState.Read(connection, null), store._cipher, () => SqliteEncryptionState.CountUse(connection, null), fullPath);
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite refused WAL mode for '{fullPath}' (journal mode is '{mode}').");
                }
            }

            var now = time.GetUtcNow().UtcTicks;
            SqliteSchema.Migrate(connection, now, store.RebuildSearchIndex);
            if (store._cipher is { } cipher)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var state = SqliteEncryptionState.Read(connection, transaction);
                SqliteEncryptionState.Check(state, cipher, () => SqliteEncryptionState.CountUse(connection, transaction), fullPath);
                if (state is not { Encrypted: true })
                {
                    SqliteEncryptionState.Enable(connection, transaction, cipher, now);
                }

                transaction.Commit();
            }

            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the schema version of the file.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The highest migration applied.</returns>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        Validate(draft, nameof(draft));
        cancellationToken.ThrowIfCancellationRequested();
        return (await WriteAsync(statements => CreateBatch(statements, [draft]), cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// Stores many memories, <see cref="SqliteMemoryStoreOptions.BatchSize"/> per transaction, each
    /// deduplicated as by <see cref="CreateAsync"/> (also against earlier drafts of the same call).
    /// A failure leaves the batches before it stored and nothing of its own batch.
    /// </summary>
    /// <param name="drafts">The memories to store; all are validated before anything is written.</param>
    /// <param name="cancellationToken">Cancels the call between batches.</param>
    /// <returns>One result per draft, in order.</returns>
    public async Task<IReadOnlyList<MemoryCreateResult>> CreateManyAsync(IEnumerable<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var all = drafts.ToList();
        foreach (var draft in all)
        {
            Validate(draft, nameof(drafts));
        }

        var results = new List<MemoryCreateResult>(all.Count);
        foreach (var batch in all.Chunk(Options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(await WriteAsync(statements => CreateBatch(statements, batch), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Find(connection, null, id)?.Record;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        if (query.MinQuality is { } minQuality)
        {
            MemoryValues.CheckQuality(minQuality, nameof(query));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (query.Limit == 0)
        {
            return [];
        }

        var terms = MemoryValues.Terms(query.Text).Take(SqliteFtsQuery.MaxTerms).ToList();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = FilteredCommand(connection, query, out var filters);
        var scope = _search.ScopeTokens(query, out var postFilter);
        if (terms.Count == 0)
        {
            if (scope.Count == 0)
            {
                return await ReadMatchesAsync(command, "memories m", filters, "m.rev DESC", query, postFilter, cancellationToken).ConfigureAwait(false);
            }

            filters.Add("memories_fts MATCH $q");
            command.Parameters.AddWithValue("$q", SqliteSearchIndex.Match(null, scope));
            return await ReadMatchesAsync(command, IndexJoin, filters, "memories_fts.rowid DESC", query, postFilter, cancellationToken).ConfigureAwait(false);
        }

        // Few words: expanded to the indexed words they start. More: prefix phrases (an expression of
        // 64 words each expanded 32 ways would be too deep for FTS5).
        var groups = terms.Count <= SqliteFtsQuery.MaxTieredTerms
            ? _search.TermGroups(connection, terms)
            : terms.Select(t => _cipher is null ? SqliteFtsQuery.Phrase(MemoryValues.NormalizeWord(t)) : SqliteFtsQuery.Exact(_cipher.Token(t))).Distinct(StringComparer.Ordinal).ToList();
        if (!postFilter && groups.Count <= SqliteFtsQuery.MaxTieredTerms)
        {
            return await RecallByTiersAsync(command, groups, scope, filters, query.Limit, cancellationToken).ConfigureAwait(false);
        }

        filters.Add("memories_fts MATCH $q");
        command.Parameters.AddWithValue("$q", SqliteSearchIndex.Match(string.Join(" OR ", groups), scope));
        var matched = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            matched.Add($"(m.rev IN (SELECT rowid FROM memories_fts WHERE memories_fts MATCH $t{i}))");
            command.Parameters.AddWithValue($"$t{i}", SqliteSearchIndex.Match(groups[i], []));
        }

        var order = "(" + string.Join(" + ", matched) + ") DESC, m.updated_at DESC, bm25(memories_fts, 1.0, 0.0) ASC, m.rev DESC";
        return await ReadMatchesAsync(command, IndexJoin, filters, order, query, postFilter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Recall for a few words without post-filtering: tier by tier, from the memories matching all
    /// the words down to those matching one, each tier read from the full-text index newest write
    /// first (its rowid is <c>rev</c>), stopping as soon as the limit is reached. The memories of a
    /// tier are then ordered as the exact query orders them: most recently updated first, BM25 on
    /// ties. BM25 is only computed when a tier has such a tie: it counts every memory holding each
    /// word, which for a common word costs more than the rest of the recall.
    /// </summary>
    private async Task<IReadOnlyList<MemoryRecord>> RecallByTiersAsync(
        SqliteCommand command, List<string> groups, List<string> scope, List<string> filters, int limit, CancellationToken cancellationToken)
    {
        var from = $" FROM {IndexJoin} WHERE memories_fts MATCH $q{string.Concat(filters.Select(f => " AND " + f))} ORDER BY memories_fts.rowid DESC LIMIT $limit";
        var match = command.Parameters.Add("$q", SqliteType.Text);
        command.Parameters.AddWithValue("$limit", limit);
        var found = new List<MemoryRecord>();
        var taken = new HashSet<long>();
        for (var tier = groups.Count; tier >= 1 && found.Count < limit; tier--)
        {
            // "At least `tier` of the words": every memory of the higher tiers is in it too, and all of
            // them are already taken (else the limit was reached), so the first `limit` rows suffice.
            match.Value = SqliteSearchIndex.Match(SqliteFtsQuery.AtLeast(groups, tier), scope);
            var rows = await ReadTierAsync(command, $"SELECT {Columns}, 0" + from, taken, cancellationToken).ConfigureAwait(false);
            if (rows.GroupBy(r => r.Record.UpdatedAt).Any(g => g.Count() > 1))
            {
                rows = await ReadTierAsync(command, $"SELECT {Columns}, bm25(memories_fts, 1.0, 0.0)" + from, taken, cancellationToken).ConfigureAwait(false);
            }

            var ordered = rows.OrderByDescending(r => r.Record.UpdatedAt).ThenBy(r => r.Rank).ThenByDescending(r => r.Rev).Take(limit - found.Count).ToList();
            taken.UnionWith(rows.Select(r => r.Rev));
            found.AddRange(ordered.Select(r => r.Record));
        }

        return found;
    }

    /// <summary>The rows of one tier not in <paramref name="taken"/> (higher tiers), with their rank column.</summary>
    private async Task<List<(MemoryRecord Record, double Rank, long Rev)>> ReadTierAsync(
        SqliteCommand command, string sql, HashSet<long> taken, CancellationToken cancellationToken)
    {
        command.CommandText = sql;
        var rows = new List<(MemoryRecord Record, double Rank, long Rev)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = ReadRecord(reader);
            if (!taken.Contains(row.Rev))
            {
                rows.Add((row.Record, reader.GetDouble(reader.FieldCount - 1), row.Rev));
            }
        }

        return rows;
    }

    /// <summary>
    /// A command carrying the conditions a memory row is checked against: archived, expiry, minimum
    /// quality, and the id and category filters (which the index's scope tokens already select; the
    /// check on the row makes a hash collision harmless).
    /// </summary>
    private SqliteCommand FilteredCommand(SqliteConnection connection, MemoryQuery query, out List<string> where)
    {
        var command = connection.CreateCommand();
        where = [];
        if (!query.IncludeArchived)
        {
            where.Add("m.archived = 0");
        }

        where.Add("(m.expires_at IS NULL OR m.expires_at > $now)");
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        AddEquals(command, where, "m.user_id", "$user", query.UserId);
        AddEquals(command, where, "m.agent_id", "$agent", query.AgentId);
        AddEquals(command, where, "m.run_id", "$run", query.RunId);
        AddEquals(command, where, "m.category_lower", "$category", query.Category?.ToLowerInvariant());
        if (query.MinQuality is { } min)
        {
            where.Add("m.quality >= $min");
            command.Parameters.AddWithValue("$min", min);
        }

        return command;
    }

    private async Task<IReadOnlyList<MemoryRecord>> ReadMatchesAsync(SqliteCommand command, string from, List<string> where, string order, MemoryQuery query, bool postFilter, CancellationToken cancellationToken)
    {
        command.CommandText = $"SELECT {Columns} FROM {from} WHERE {string.Join(" AND ", where)} ORDER BY {order}"
            + (postFilter ? string.Empty : " LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Limit);
        var found = new List<MemoryRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (found.Count < query.Limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = ReadRecord(reader).Record;
            if (!postFilter || query.Metadata.All(e => record.Metadata.TryGetValue(e.Key, out var v) && MemoryValues.MetadataEquals(v, e.Value)))
            {
                found.Add(record);
            }
        }

        return found;
    }

    /// <inheritdoc />
    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        MemoryValues.CheckUpdate(update, nameof(update));

        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(
            statements =>
            {
                if (Find(statements.Connection, statements.Transaction, id) is not { } found)
                {
                    return null;
                }

                var now = _time.GetUtcNow();
                var record = MemoryValues.Apply(found.Record, update, now, out var changed);
                Save(statements, (found.Seq, found.Rev), found.Record, record);
                AddHistory(statements, id, MemoryChangeKind.Updated, now, changed);
                return record;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return await WriteAsync(
            statements =>
            {
                // Only the row numbers: a memory whose ciphertext fails authentication can still be deleted.
                var find = statements.Get("SELECT seq, rev, content, tags_json FROM memories WHERE id = $id");
                find.Parameters.AddWithValue("$id", id);
                long seq, rev;
                string content, tags;
                using (var reader = find.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        return false;
                    }

                    (seq, rev, content, tags) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
                }

                SqliteSearchIndex.Remove(statements, rev);
                _search.Prune(statements, content, JsonSerializer.Deserialize<string[]>(tags) ?? []);
                statements.Execute(
                    "INSERT INTO history (memory_id, kind, at, detail) SELECT id, $kind, created_at, NULL FROM memories WHERE seq = $seq",
                    ("$kind", nameof(MemoryChangeKind.Created)),
                    ("$seq", seq));
                statements.Execute("DELETE FROM memories WHERE seq = $seq", ("$seq", seq));
                AddHistory(statements, id, MemoryChangeKind.Deleted, _time.GetUtcNow(), null);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, static record => record.Archived ? null : (record with { Archived = true }, MemoryChangeKind.Archived, null), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default)
    {
        MemoryValues.CheckQuality(score, nameof(score));
        return ChangeAsync(
            id,
            record => (record with { QualityScore = score }, MemoryChangeKind.QualitySet, score.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var trimmed = tag.Trim();
        return ChangeAsync(
            id,
            record => MemoryValues.HasTag(record, trimmed)
                ? null
                : (record with { Tags = ValueList<string>.From([.. record.Tags, trimmed]) }, MemoryChangeKind.Tagged, trimmed),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var trimmed = tag.Trim();
        return ChangeAsync(
            id,
            record => !MemoryValues.HasTag(record, trimmed)
                ? null
                : (record with { Tags = ValueList<string>.From(record.Tags.Where(t => !string.Equals(t, trimmed, StringComparison.OrdinalIgnoreCase))) },
                    MemoryChangeKind.Untagged,
                    trimmed),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM memories m ORDER BY m.seq LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var page = new List<MemoryRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(ReadRecord(reader).Record);
        }

        return page;
    }

    /// <summary>Summarizes the store with aggregate queries; <see cref="MemoryStoreStats.StorageBytes"/> counts the database file and its write-ahead log.</summary>
    /// <inheritdoc />
    public async Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(sum(archived), 0), coalesce(sum(expires_at IS NOT NULL AND expires_at <= $now), 0),
                   avg(quality), min(created_at), max(created_at)
            FROM memories;
            SELECT coalesce(category, ''), count(*) FROM memories GROUP BY coalesce(category, '') ORDER BY 1;
            """;
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        var archived = reader.GetInt64(1);
        var expired = reader.GetInt64(2);
        double? quality = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        DateTimeOffset? oldest = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero);
        DateTimeOffset? newest = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var byCategory = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byCategory[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new MemoryStoreStats
        {
            Backend = "local",
            Total = total,
            Archived = archived,
            Expired = expired,
            AverageQuality = quality,
            OldestCreatedAt = oldest,
            NewestCreatedAt = newest,
            ByCategory = byCategory,
            StorageBytes = FileSize(FullPath) + FileSize(FullPath + "-wal"),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        // A live memory's creation is its row's created_at (migration 6); a deleted one's is recorded with its deletion.
        command.CommandText = """
            SELECT 'Created', created_at, NULL, 0 FROM memories WHERE id = $id
            UNION ALL
            SELECT kind, at, detail, CASE kind WHEN 'Created' THEN 0 ELSE seq END FROM history WHERE memory_id = $id
            ORDER BY 4
            """;
        command.Parameters.AddWithValue("$id", id);
        var changes = new List<MemoryChange>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new MemoryChange(
                id,
                Enum.Parse<MemoryChangeKind>(reader.GetString(0)),
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return changes;
    }

    /// <summary>Releases pooled connections to the file, so it can be moved or deleted.</summary>
    /// <returns>A task that completes when done.</returns>
    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
        _cipher?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Validate(MemoryDraft draft, string paramName)
    {
        MemoryValues.CheckDraft(draft, paramName);
    }

    private static void AddEquals(SqliteCommand command, List<string> where, string column, string name, string? value)
    {
        if (value is not null)
        {
            where.Add($"{column} = {name}");
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static object Db(object? value) => value ?? DBNull.Value;

    private (MemoryRecord Record, long Seq, long Rev) ReadRecord(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        byte[]? Blob(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) as byte[];
        var id = reader.GetString(0);
        string content, metadataJson, hash;
        if (_cipher is null)
        {
            (content, metadataJson, hash) = (reader.GetString(1), reader.GetString(4), reader.GetString(10));
        }
        else
        {
            content = _cipher.Open(id, ContentField, Blob(16));
            metadataJson = _cipher.Open(id, MetadataField, Blob(17));
            hash = MemoryContentHash.Compute(content);
        }

        var tags = JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [];
        var record = new MemoryRecord
        {
            Id = id,
            Content = content,
            Tags = ValueList<string>.From(tags),
            Category = Text(3),
            Metadata = SqliteMetadata.FromJson(metadataJson),
            QualityScore = reader.IsDBNull(5) ? null : reader.GetDouble(5),
            UserId = Text(6),
            AgentId = Text(7),
            RunId = Text(8),
            SourceRule = Text(9),
            ContentHash = hash,
            CreatedAt = new DateTimeOffset(reader.GetInt64(11), TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero),
            ExpiresAt = reader.IsDBNull(13) ? null : new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero),
            Archived = reader.GetInt64(14) != 0,
        };
        return (record, reader.GetInt64(15), reader.GetInt64(18));
    }

    private (MemoryRecord Record, long Seq, long Rev)? Find(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM memories m WHERE m.id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    private static void AddHistory(SqliteStatements statements, string id, MemoryChangeKind kind, DateTimeOffset at, string? detail) =>
        statements.Execute(
            "INSERT INTO history (memory_id, kind, at, detail) VALUES ($id, $kind, $at, $detail)",
            ("$id", id),
            ("$kind", kind.ToString()),
            ("$at", at.UtcTicks),
            ("$detail", detail));

    /// <summary>
    /// What the content columns hold: plaintext content and metadata JSON, or, when encrypted, an
    /// empty content and metadata JSON and the sealed values (the search index holds keyed tokens).
    /// </summary>
    private (string Content, string MetadataJson, byte[]? SealedContent, byte[]? SealedMetadata) Stored(MemoryRecord record)
    {
        var json = SqliteMetadata.ToJson(record.Metadata);
        return _cipher is null
            ? (record.Content, json, null, null)
            : (string.Empty, string.Empty, _cipher.Seal(record.Id, ContentField, record.Content), _cipher.Seal(record.Id, MetadataField, json));
    }

    /// <summary>The hash deduplication compares: the content hash, or a keyed hash when encrypted (a plain hash would let anyone confirm a guessed content).</summary>
    private string StoredHash(string content, string contentHash) =>
        _cipher is null ? contentHash : _cipher.Hash(ContentField, MemoryContentHash.Normalize(content));

    /// <summary>Writes a changed memory as its newest version: a new <c>rev</c>, and its index row moved to it.</summary>
    private void Save(SqliteStatements statements, (long Seq, long Rev) row, MemoryRecord previous, MemoryRecord record)
    {
        var update = statements.Get(
            """
            UPDATE memories SET content = $content, tags_json = $tags, category = $category,
                category_lower = $categoryLower, metadata_json = $metadata, quality = $quality, content_hash = $hash,
                updated_at = $updated, archived = $archived, sealed_content = $sealedContent, sealed_metadata = $sealedMetadata,
                rev = (SELECT max(rev) + 1 FROM memories)
            WHERE seq = $seq
            RETURNING rev
            """);
        BindValues(update, record, StoredHash(record.Content, record.ContentHash));
        update.Parameters.AddWithValue("$updated", record.UpdatedAt.UtcTicks);
        update.Parameters.AddWithValue("$archived", record.Archived ? 1 : 0);
        update.Parameters.AddWithValue("$seq", row.Seq);
        var rev = Convert.ToInt64(update.ExecuteScalar(), CultureInfo.InvariantCulture);
        SqliteSearchIndex.Remove(statements, row.Rev);
        _search.Add(statements, [(rev, record)]);
        if (previous.Content != record.Content || !previous.Tags.SequenceEqual(record.Tags))
        {
            _search.Prune(statements, previous.Content, previous.Tags);
        }
    }

    /// <summary>
    /// Creates a batch of memories in the current transaction: one query finds the recent memories
    /// any draft duplicates, a draft duplicating an earlier one of the batch returns that one, and the
    /// new memories' search index rows are written after all of them (see <see cref="SqliteSearchIndex.Add"/>).
    /// Creation is not a history row: <see cref="HistoryAsync"/> reads it from the memory's <c>created_at</c>.
    /// </summary>
    private List<MemoryCreateResult> CreateBatch(SqliteStatements statements, MemoryDraft[] drafts)
    {
        var hashes = drafts.Select(d => MemoryContentHash.Compute(d.Content)).ToList();
        var storedHashes = drafts.Select((d, i) => StoredHash(d.Content, hashes[i])).ToList();
        var recent = DeduplicationWindow > TimeSpan.Zero ? Recent(statements, storedHashes, _time.GetUtcNow() - DeduplicationWindow) : null;
        var results = new List<MemoryCreateResult>(drafts.Length);
        var indexed = new List<(long Rev, MemoryRecord Record)>(drafts.Length);
        for (var i = 0; i < drafts.Length; i++)
        {
            var draft = drafts[i];
            var scope = (storedHashes[i], draft.UserId, draft.AgentId, draft.RunId);
            if (recent is not null && recent.TryGetValue(scope, out var duplicate))
            {
                results.Add(new MemoryCreateResult(duplicate, Created: false));
                continue;
            }

            var (record, rev) = Insert(statements, draft, hashes[i], storedHashes[i]);
            recent?.Add(scope, record);
            results.Add(new MemoryCreateResult(record, Created: true));
            indexed.Add((rev, record));
        }

        _search.Add(statements, indexed);
        return results;
    }

    /// <summary>The newest unarchived memory created after <paramref name="since"/> for each stored hash and scope among <paramref name="storedHashes"/>.</summary>
    private Dictionary<(string Hash, string? User, string? Agent, string? Run), MemoryRecord> Recent(SqliteStatements statements, List<string> storedHashes, DateTimeOffset since)
    {
        var find = statements.Get($"""
            SELECT {Columns} FROM memories m
            WHERE m.content_hash IN (SELECT value FROM json_each($hashes)) AND m.created_at > $since AND m.archived = 0
            ORDER BY m.created_at, m.seq
            """);
        find.Parameters.AddWithValue("$hashes", JsonSerializer.Serialize(storedHashes.Distinct(StringComparer.Ordinal)));
        find.Parameters.AddWithValue("$since", since.UtcTicks);
        var recent = new Dictionary<(string, string?, string?, string?), MemoryRecord>();
        using var reader = find.ExecuteReader();
        while (reader.Read())
        {
            var record = ReadRecord(reader).Record;
            recent[(reader.GetString(10), record.UserId, record.AgentId, record.RunId)] = record;
        }

        return recent;
    }

    /// <summary>Inserts a new memory, returning it and its <c>rev</c>.</summary>
    private (MemoryRecord Record, long Rev) Insert(SqliteStatements statements, MemoryDraft draft, string hash, string storedHash)
    {
        var now = _time.GetUtcNow();
        var id = _newId();

        // A GUID never repeats (and the UNIQUE id column would refuse it); an injected generator is checked.
        if (string.IsNullOrEmpty(id) || (_checkIds && IdUsed(statements, id)))
        {
            throw new InvalidOperationException($"The id generator returned '{id}', which is empty or already used.");
        }

        var record = MemoryValues.NewRecord(id, draft, hash, now);
        var insert = statements.Get("""
            INSERT INTO memories (id, content, tags_json, category, category_lower, metadata_json, quality,
                user_id, agent_id, run_id, source_rule, content_hash, created_at, updated_at, expires_at, archived,
                sealed_content, sealed_metadata, rev)
            VALUES ($id, $content, $tags, $category, $categoryLower, $metadata, $quality,
                $user, $agent, $run, $rule, $hash, $created, $created, $expires, 0, $sealedContent, $sealedMetadata,
                (SELECT coalesce(max(rev), 0) + 1 FROM memories))
            RETURNING rev
            """);
        insert.Parameters.AddWithValue("$id", id);
        BindValues(insert, record, storedHash);
        insert.Parameters.AddWithValue("$user", Db(record.UserId));
        insert.Parameters.AddWithValue("$agent", Db(record.AgentId));
        insert.Parameters.AddWithValue("$run", Db(record.RunId));
        insert.Parameters.AddWithValue("$rule", Db(record.SourceRule));
        insert.Parameters.AddWithValue("$created", now.UtcTicks);
        insert.Parameters.AddWithValue("$expires", Db(record.ExpiresAt?.UtcTicks));
        return (record, Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>Binds the columns a create and an update both write: content, tags, category, metadata, quality, hash and the sealed values.</summary>
    private void BindValues(SqliteCommand command, MemoryRecord record, string storedHash)
    {
        var stored = Stored(record);
        command.Parameters.AddWithValue("$content", stored.Content);
        command.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(record.Tags.ToArray()));
        command.Parameters.AddWithValue("$category", Db(record.Category));
        command.Parameters.AddWithValue("$categoryLower", Db(record.Category?.ToLowerInvariant()));
        command.Parameters.AddWithValue("$metadata", stored.MetadataJson);
        command.Parameters.AddWithValue("$quality", Db(record.QualityScore));
        command.Parameters.AddWithValue("$hash", storedHash);
        command.Parameters.AddWithValue("$sealedContent", Db(stored.SealedContent));
        command.Parameters.AddWithValue("$sealedMetadata", Db(stored.SealedMetadata));
    }

    private static bool IdUsed(SqliteStatements statements, string id)
    {
        var command = statements.Get("SELECT EXISTS (SELECT 1 FROM memories WHERE id = $id) OR EXISTS (SELECT 1 FROM history WHERE memory_id = $id)");
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    private Task<bool> ChangeAsync(
        string id,
        Func<MemoryRecord, (MemoryRecord Record, MemoryChangeKind Kind, string? Detail)?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(
            statements =>
            {
                if (Find(statements.Connection, statements.Transaction, id) is not { } found)
                {
                    return false;
                }

                if (change(found.Record) is { } changed)
                {
                    var now = _time.GetUtcNow();
                    Save(statements, (found.Seq, found.Rev), found.Record, changed.Record with { UpdatedAt = now });
                    AddHistory(statements, id, changed.Kind, now, changed.Detail);
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>Runs a write in an immediate transaction, one writer of this store at a time; rolls back on any failure.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteStatements, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            using var statements = new SqliteStatements(connection, transaction);
            SqliteEncryptionState.Guard(connection, transaction, _cipher, FullPath);
            var result = write(statements);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Fills the emptied search index and vocabulary from every memory (schema migration 5). A row
    /// whose ciphertext fails authentication is left out of the index (recall cannot find it; get,
    /// list and delete still can), so one damaged row cannot keep the store from opening.
    /// </summary>
    private void RebuildSearchIndex(SqliteStatements statements)
    {
        var rows = new List<(long Rev, MemoryRecord Record)>();
        using (var read = statements.Connection.CreateCommand())
        {
            read.Transaction = statements.Transaction;
            read.CommandText = $"SELECT {Columns} FROM memories m ORDER BY m.rev";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                try
                {
                    var row = ReadRecord(reader);
                    rows.Add((row.Rev, row.Record));
                }
                catch (MemoryEncryptionException)
                {
                }
            }
        }

        _search.Add(statements, rows);
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {_busyMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
