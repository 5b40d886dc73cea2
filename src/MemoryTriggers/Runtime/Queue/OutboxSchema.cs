using MemoryTriggers.Internal;
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
    public static void Migrate(SqliteConnection connection, string fullPath, long nowTicks) =>
        SqliteMigrator.Apply(
            connection,
            "outbox_schema_version",
            Migrations,
            nowTicks,
            current => new EventOutboxException($"The event outbox '{fullPath}' has schema version {current}, newer than this program's {LatestVersion}."));
}
