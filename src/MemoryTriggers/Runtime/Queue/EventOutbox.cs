using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// The durable record of the events a <see cref="BackgroundEventProcessor"/> accepted: a SQLite
/// file (WAL journal, versioned schema) with one entry per event id (the idempotency key), its
/// JSON, state, attempts, times and last error. An event is accepted only once its entry is
/// committed; an entry is marked done in a transaction after processing; done and failed entries
/// are kept for <see cref="EventOutboxOptions.Retention"/> so that a replayed id is recognised.
/// </summary>
/// <remarks>
/// The file is held with an exclusive lock: one process uses an outbox at a time, so no two
/// processes run the same pending events. Writes from all callers are committed together by one
/// writer (group commit), so many concurrent accepts share one flush to the disk. Thread-safe.
/// </remarks>
public sealed class EventOutbox : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const string Pending = "pending";
    private const string Done = "done";
    private const string Failed = "failed";
    private const string EntryColumns = "seq, event_id, event_json, state, attempts, accepted_at, updated_at, last_error, memory_ids";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Channel<Operation> _operations = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private SqliteTransaction? _transaction;
    private Task _writer = Task.CompletedTask;
    private int _disposed;

    private EventOutbox(SqliteConnection connection, EventOutboxOptions options, string fullPath, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        Options = options;
        FullPath = fullPath;
    }

    /// <summary>Gets the options the outbox was opened with.</summary>
    public EventOutboxOptions Options { get; }

    /// <summary>Gets the full path of the outbox file.</summary>
    public string FullPath { get; }

    /// <summary>
    /// Opens (creating if needed) the outbox: takes the file's exclusive lock, switches it to WAL,
    /// applies missing schema migrations and prunes entries older than the retention.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock of entry times and pruning; the system clock if null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open outbox.</returns>
    /// <exception cref="EventOutboxException">Another process holds the file, or its schema is newer than this program's.</exception>
    public static async Task<EventOutbox> OpenAsync(EventOutboxOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Retention, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        var fullPath = Path.GetFullPath(options.Path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(Math.Max(1, options.BusyTimeout.TotalSeconds)),
        }.ToString());
        var time = timeProvider ?? TimeProvider.System;
        var outbox = new EventOutbox(connection, options, fullPath, time);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var busy = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
            outbox.Execute($"PRAGMA busy_timeout = {busy}; PRAGMA locking_mode = EXCLUSIVE;");
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = Convert.ToString(wal.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new EventOutboxException($"SQLite refused WAL mode for the event outbox '{fullPath}' (journal mode is '{mode}').");
                }
            }

            outbox.Execute(options.FlushToDisk ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            OutboxSchema.Migrate(connection, fullPath, time.GetUtcNow().UtcTicks);
            outbox._writer = Task.Run(outbox.WriteLoopAsync, CancellationToken.None);
            await outbox.PruneAsync(cancellationToken).ConfigureAwait(false);
            return outbox;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            await outbox.DisposeAsync().ConfigureAwait(false);
            throw new EventOutboxException($"The event outbox '{fullPath}' is in use by another process; each process needs its own outbox file.", ex);
        }
        catch
        {
            await outbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the entry of an event id.</summary>
    /// <param name="eventId">The event's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>The entry, or null if the outbox has none (never accepted, or pruned).</returns>
    public Task<OutboxEntry?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return Run(
            o =>
            {
                using var reader = o.Command($"SELECT {EntryColumns} FROM outbox WHERE event_id = $id", ("$id", eventId)).ExecuteReader();
                return reader.Read() ? ReadEntry(reader) : null;
            },
            cancellationToken);
    }

    /// <summary>Lists entries in a state, oldest first.</summary>
    /// <param name="state">The state.</param>
    /// <param name="limit">The most entries returned.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>The entries, in acceptance order.</returns>
    public Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxEntryState state, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Run<IReadOnlyList<OutboxEntry>>(
            o => o.ReadEntries($"SELECT {EntryColumns} FROM outbox WHERE state = $state ORDER BY seq LIMIT $limit", ("$state", Name(state)), ("$limit", limit)),
            cancellationToken);
    }

    /// <summary>Counts the entries by state.</summary>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>The counts.</returns>
    public Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Run(
            o =>
            {
                using var reader = o.Command("SELECT state, count(*) FROM outbox GROUP BY state").ExecuteReader();
                long pending = 0, done = 0, failed = 0;
                while (reader.Read())
                {
                    var count = reader.GetInt64(1);
                    switch (reader.GetString(0))
                    {
                        case Pending: pending = count; break;
                        case Done: done = count; break;
                        default: failed += count; break;
                    }
                }

                return new OutboxCounts(pending, done, failed);
            },
            cancellationToken);

    /// <summary>Removes done and failed entries that last changed longer ago than the retention; pending entries are never removed.</summary>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>How many entries were removed.</returns>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - Options.Retention;
        return Run(o => o.Command("DELETE FROM outbox WHERE state <> 'pending' AND updated_at < $cutoff", ("$cutoff", cutoff.UtcTicks)).ExecuteNonQuery(), cancellationToken);
    }

    /// <summary>Lets the pending writes finish, then closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _operations.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stores an event unless its id is already there; returns once the entry is committed.</summary>
    internal Task<OutboxAcceptance> AcceptAsync(string eventId, string eventJson, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        return Run(
            o =>
            {
                var inserted = o.Command(
                    "INSERT INTO outbox (event_id, event_json, state, attempts, accepted_at, updated_at) VALUES ($id, $json, 'pending', 0, $now, $now) "
                    + "ON CONFLICT (event_id) DO NOTHING RETURNING seq",
                    ("$id", eventId),
                    ("$json", eventJson),
                    ("$now", now)).ExecuteScalar();
                if (inserted is not null and not DBNull)
                {
                    return new OutboxAcceptance(Convert.ToInt64(inserted, CultureInfo.InvariantCulture), null);
                }

                using var reader = o.Command("SELECT seq, state FROM outbox WHERE event_id = $id", ("$id", eventId)).ExecuteReader();
                reader.Read();
                return new OutboxAcceptance(reader.GetInt64(0), StateOf(reader.GetString(1)));
            },
            cancellationToken);
    }

    /// <summary>The highest sequence number given so far (0 for a new outbox).</summary>
    internal Task<long> LastSequenceAsync(CancellationToken cancellationToken) =>
        Run(o => Convert.ToInt64(o.Command("SELECT coalesce(max(seq), 0) FROM outbox").ExecuteScalar(), CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>Reads pending entries with <paramref name="after"/> &lt; seq &lt;= <paramref name="upTo"/>, in order.</summary>
    internal Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(long after, long upTo, int limit, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<OutboxEntry>>(
            o => o.ReadEntries(
                $"SELECT {EntryColumns} FROM outbox WHERE state = 'pending' AND seq > $after AND seq <= $upTo ORDER BY seq LIMIT $limit",
                ("$after", after),
                ("$upTo", upTo),
                ("$limit", limit)),
            cancellationToken);

    /// <summary>Records, before it runs, that attempt <paramref name="attempt"/> of an entry begins (for entries found pending at start).</summary>
    internal Task BeginAttemptAsync(long seq, int attempt) =>
        Update("UPDATE outbox SET attempts = max(attempts, $attempt), updated_at = $now WHERE seq = $seq AND state = 'pending'", seq, ("$attempt", attempt));

    /// <summary>Marks an entry done after attempt <paramref name="attempt"/>, with the memories it produced.</summary>
    internal Task CompleteAsync(long seq, int attempt, IReadOnlyList<string> memoryIds) =>
        Update(
            "UPDATE outbox SET state = 'done', attempts = max(attempts, $attempt), updated_at = $now, memory_ids = $memories WHERE seq = $seq AND state = 'pending'",
            seq,
            ("$attempt", attempt),
            ("$memories", memoryIds.Count == 0 ? null : JsonSerializer.Serialize(memoryIds)));

    /// <summary>Records a failed attempt; with <paramref name="final"/>, the entry is failed for good.</summary>
    internal Task FailAsync(long seq, int attempt, string error, bool final) =>
        Update(
            $"UPDATE outbox SET state = '{(final ? Failed : Pending)}', attempts = max(attempts, $attempt), updated_at = $now, last_error = $error WHERE seq = $seq AND state = 'pending'",
            seq,
            ("$attempt", attempt),
            ("$error", error));

    private static string Name(OutboxEntryState state) => state switch
    {
        OutboxEntryState.Pending => Pending,
        OutboxEntryState.Done => Done,
        _ => Failed,
    };

    private static OutboxEntryState StateOf(string name) => name switch
    {
        Pending => OutboxEntryState.Pending,
        Done => OutboxEntryState.Done,
        _ => OutboxEntryState.Failed,
    };

    /// <summary>Reads an entry; a damaged JSON or memory-id column gives an entry whose event cannot be read, never an exception.</summary>
    private static OutboxEntry ReadEntry(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        EventId = reader.GetString(1),
        EventJson = Text(reader.GetValue(2)),
        State = StateOf(reader.GetString(3)),
        Attempts = reader.GetInt32(4),
        AcceptedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
        LastError = reader.IsDBNull(7) ? null : Text(reader.GetValue(7)),
        MemoryIds = reader.IsDBNull(8) ? [] : MemoryIdsOf(Text(reader.GetValue(8))),
    };

    private static string Text(object value) => value switch
    {
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string[] MemoryIdsOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private Task<int> Update(string sql, long seq, params (string Name, object? Value)[] parameters)
    {
        var now = _time.GetUtcNow().UtcTicks;
        return Run(o => o.Command(sql, [("$seq", seq), ("$now", now), .. parameters]).ExecuteNonQuery(), CancellationToken.None);
    }

    private List<OutboxEntry> ReadEntries(string sql, params (string Name, object? Value)[] parameters)
    {
        using var reader = Command(sql, parameters).ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>Queues work for the writer; it runs inside the writer's transaction and its result is given once that commits.</summary>
    private Task<T> Run<T>(Func<EventOutbox, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var operation = new Operation<T>(work);
        if (!_operations.Writer.TryWrite(operation))
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(EventOutbox), $"The event outbox '{FullPath}' is closed."));
        }

        return operation.Task;
    }

    /// <summary>Group commit: every operation waiting when a transaction begins runs in it (each under its own savepoint, so one failing does not undo the others).</summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<Operation>(MaxBatch);
        var reader = _operations.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                using (var transaction = _connection.BeginTransaction(deferred: false))
                {
                    _transaction = transaction;
                    foreach (var operation in batch)
                    {
                        Command("SAVEPOINT op").ExecuteNonQuery();
                        try
                        {
                            operation.Execute(this);
                            Command("RELEASE op").ExecuteNonQuery();
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            Command("ROLLBACK TO op").ExecuteNonQuery();
                            Command("RELEASE op").ExecuteNonQuery();
                            operation.Fail(ex);
                        }
                    }

                    transaction.Commit();
                }

                foreach (var operation in batch)
                {
                    operation.Succeed();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private abstract class Operation
    {
        public abstract void Execute(EventOutbox outbox);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class Operation<T>(Func<EventOutbox, T> work) : Operation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Execute(EventOutbox outbox) => _result = work(outbox);

        public override void Succeed() => _completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
