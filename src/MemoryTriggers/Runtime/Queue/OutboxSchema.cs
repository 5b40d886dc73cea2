using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// The outbox's versioned schema: each migration runs once, in order, recorded in
/// <c>outbox_schema_version</c> (its own name, so it never meets the memory store's table).
/// </summary>
internal static class OutboxSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            event_json TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            accepted_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            last_error TEXT,
            memory_ids TEXT);
        CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';
        CREATE INDEX outbox_finished ON outbox (updated_at) WHERE state <> 'pending';
        """,
    ];

    /// <summary>Gets the highest migration this program knows.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies the missing migrations in one transaction.</summary>
    /// <exception cref="EventOutboxException">The file has a newer schema.</exception>
    public static void Migrate(SqliteConnection connection, string fullPath, long nowTicks)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS outbox_schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT coalesce(max(version), 0) FROM outbox_schema_version";
            var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (current > LatestVersion)
            {
                throw new EventOutboxException($"The event outbox '{fullPath}' has schema version {current}, newer than this program's {LatestVersion}.");
            }

            for (var version = current + 1; version <= LatestVersion; version++)
            {
                Execute(connection, transaction, Migrations[version - 1]);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO outbox_schema_version (version, applied_at) VALUES ($version, $at)";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$at", nowTicks);
                record.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
