using System.Collections.Concurrent;
using System.Globalization;
using MemoryTriggers.Memory.Encryption;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// The durable record of a <see cref="FailoverMemoryStore"/>: a small SQLite file with the writes
/// waiting for replay (<c>journal_entries</c>, in order), the ids of memories created on failover
/// stores (<c>id_map</c>) and the writes the primary rejected on replay (<c>rejected_entries</c>).
/// Each step that finishes an entry is one transaction. The file is held with an exclusive lock,
/// so a second process cannot use the same journal. With a key, each entry's payload (the memory
/// content and metadata it carries) is stored sealed with AES-256-GCM, as the encrypted store keeps
/// its memories. Not thread-safe: the store serializes calls.
/// </summary>
internal sealed class FailoverJournal : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal_entries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            target_id TEXT,
            payload TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE TABLE IF NOT EXISTS id_map (
            failover_id TEXT PRIMARY KEY,
            store_index INTEGER NOT NULL,
            replayed INTEGER NOT NULL DEFAULT 0,
            primary_id TEXT
        );
        CREATE TABLE IF NOT EXISTS rejected_entries (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            target_id TEXT,
            payload TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            rejected_at INTEGER NOT NULL,
            error TEXT NOT NULL
        );
        """;

    private const string SealedPrefix = "sealed:v1:";
    private const string SealedScope = "failover-journal";

    private readonly SqliteConnection _connection;
    private readonly ConcurrentDictionary<string, FailoverIdMapping> _map = new(StringComparer.Ordinal);
    private readonly MemoryCipher? _cipher;
    private long _pending;

    private FailoverJournal(SqliteConnection connection, string fullPath, MemoryCipher? cipher)
    {
        _connection = connection;
        _cipher = cipher;
        FullPath = fullPath;
    }

    /// <summary>Gets the full path of the journal file.</summary>
    public string FullPath { get; }

    /// <summary>Gets the number of entries waiting for replay.</summary>
    public long PendingCount => Interlocked.Read(ref _pending);

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>; with a key, payloads are sealed.</summary>
    public static async Task<FailoverJournal> OpenAsync(string path, MemoryEncryptionKey? key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 2,
        }.ToString());
        var journal = new FailoverJournal(connection, fullPath, key is null ? null : new MemoryCipher(key));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            journal.Execute("PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            journal.Execute(Schema);
            journal.Load();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            await journal.DisposeAsync().ConfigureAwait(false);
            throw new MemoryStoreUnavailableException($"The failover journal '{fullPath}' is in use by another process; each process needs its own journal (backend_settings.failover_journal_path).", ex);
        }
        catch
        {
            await journal.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return journal;
    }

    /// <summary>Looks up a memory created on a failover store.</summary>
    public bool TryGetMapping(string failoverId, out FailoverIdMapping mapping) => _map.TryGetValue(failoverId, out mapping!);

    /// <summary>Appends a write; returns its sequence number.</summary>
    public long Append(FailoverOperation operation, DateTimeOffset at)
    {
        using var command = Command(
            "INSERT INTO journal_entries (kind, target_id, payload, recorded_at) VALUES ($kind, $target, $payload, $at) RETURNING seq",
            ("$kind", operation.Kind.ToString()),
            ("$target", operation.TargetId),
            ("$payload", Seal(operation)),
            ("$at", at.UtcTicks));
        var seq = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        Interlocked.Increment(ref _pending);
        return seq;
    }

    /// <summary>Takes back an appended write that no store applied.</summary>
    public void Remove(long seq)
    {
        if (Run("DELETE FROM journal_entries WHERE seq = $seq", ("$seq", seq)) > 0)
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Records the id a failover store gave the memory of a journaled create, in one transaction.</summary>
    public void RecordFailoverCreate(long seq, string failoverId, int storeIndex)
    {
        using (var transaction = _connection.BeginTransaction())
        {
            Run("UPDATE journal_entries SET target_id = $id WHERE seq = $seq", ("$id", failoverId), ("$seq", seq));
            Run(
                "INSERT INTO id_map (failover_id, store_index, replayed, primary_id) VALUES ($id, $index, 0, NULL) "
                + "ON CONFLICT (failover_id) DO UPDATE SET store_index = $index, replayed = 0, primary_id = NULL",
                ("$id", failoverId),
                ("$index", storeIndex));
            transaction.Commit();
        }

        _map[failoverId] = new FailoverIdMapping(failoverId, storeIndex, Replayed: false, PrimaryId: null);
    }

    /// <summary>Reads the oldest entries waiting for replay, in order.</summary>
    public IReadOnlyList<FailoverJournalEntry> ReadPending(int limit)
    {
        using var command = Command(
            "SELECT seq, kind, target_id, payload, recorded_at, attempts FROM journal_entries ORDER BY seq LIMIT $limit",
            ("$limit", limit));
        using var reader = command.ExecuteReader();
        var entries = new List<FailoverJournalEntry>();
        while (reader.Read())
        {
            entries.Add(new FailoverJournalEntry(
                reader.GetInt64(0),
                FailoverOperation.FromPayload(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Unseal(reader.GetString(1), reader.GetString(3))),
                new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                reader.GetInt32(5)));
        }

        return entries;
    }

    /// <summary>Records that a replay of the entry begins (before the primary is called), or failed with <paramref name="error"/>.</summary>
    public void RecordAttempt(long seq, string? error, bool starting)
    {
        Run(
            starting
                ? "UPDATE journal_entries SET attempts = attempts + 1 WHERE seq = $seq"
                : "UPDATE journal_entries SET last_error = $error WHERE seq = $seq",
            ("$seq", seq),
            ("$error", error));
    }

    /// <summary>
    /// Finishes a replayed entry in one transaction: removes it and, for a create, records the
    /// memory's primary id (null when it was not created there). With <paramref name="rejection"/>,
    /// the entry is kept in <c>rejected_entries</c> with that error.
    /// </summary>
    public void Complete(FailoverJournalEntry entry, string? primaryId, string? rejection, DateTimeOffset at)
    {
        var failoverId = entry.Operation.Kind == FailoverOperationKind.Create ? entry.Operation.TargetId : null;
        using (var transaction = _connection.BeginTransaction())
        {
            if (rejection is not null)
            {
                Run(
                    "INSERT OR REPLACE INTO rejected_entries (seq, kind, target_id, payload, recorded_at, rejected_at, error) "
                    + "SELECT seq, kind, target_id, payload, recorded_at, $at, $error FROM journal_entries WHERE seq = $seq",
                    ("$at", at.UtcTicks),
                    ("$error", rejection),
                    ("$seq", entry.Sequence));
            }

            Run("DELETE FROM journal_entries WHERE seq = $seq", ("$seq", entry.Sequence));
            if (failoverId is not null)
            {
                Run("UPDATE id_map SET replayed = 1, primary_id = $primary WHERE failover_id = $id", ("$primary", primaryId), ("$id", failoverId));
            }

            transaction.Commit();
        }

        Interlocked.Decrement(ref _pending);
        if (failoverId is not null && _map.TryGetValue(failoverId, out var mapping))
        {
            _map[failoverId] = mapping with { Replayed = true, PrimaryId = primaryId };
        }
    }

    /// <summary>Counts the entries the primary rejected on replay.</summary>
    public long CountRejected()
    {
        using var command = Command("SELECT count(*) FROM rejected_entries");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _cipher?.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private string Seal(FailoverOperation operation) =>
        _cipher is null ? operation.ToPayload() : SealedPrefix + Convert.ToBase64String(_cipher.Seal(SealedScope, operation.Kind.ToString(), operation.ToPayload()));

    private string Unseal(string kind, string payload)
    {
        if (!payload.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            return payload;
        }

        if (_cipher is null)
        {
            throw new MemoryEncryptionException(
                MemoryEncryptionError.KeyRequired,
                $"The failover journal '{FullPath}' holds encrypted entries; open it with backend.encryption_enabled and the key they were written with.",
                path: FullPath);
        }

        return _cipher.Open(SealedScope, kind, Convert.FromBase64String(payload[SealedPrefix.Length..]));
    }

    private void Load()
    {
        using (var command = Command("SELECT failover_id, store_index, replayed, primary_id FROM id_map"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                _map[id] = new FailoverIdMapping(id, reader.GetInt32(1), reader.GetInt64(2) != 0, reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }

        using var count = Command("SELECT count(*) FROM journal_entries");
        _pending = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private int Run(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }
}
