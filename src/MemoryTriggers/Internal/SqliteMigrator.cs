using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Internal;

/// <summary>
/// Applies the versioned schema migrations of a SQLite file (the memory store, the event outbox): the ones the
/// file lacks run in order, in one immediate transaction so two processes cannot race, each recorded in the
/// file's version table.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Runs the missing migrations of <paramref name="migrations"/> (version = index + 1).</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="versionTable">The version table's name: a constant of the caller, never input.</param>
    /// <param name="migrations">The SQL of each migration.</param>
    /// <param name="nowTicks">The time recorded as <c>applied_at</c>.</param>
    /// <param name="newerSchema">The exception for a file whose version is newer than <paramref name="migrations"/>.</param>
    /// <param name="afterMigration">Runs in the transaction right after a migration, given its version.</param>
    public static void Apply(
        SqliteConnection connection,
        string versionTable,
        IReadOnlyList<string> migrations,
        long nowTicks,
        Func<int, Exception> newerSchema,
        Action<int, SqliteTransaction>? afterMigration = null)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {versionTable} (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = $"SELECT coalesce(max(version), 0) FROM {versionTable}";
            var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (current > migrations.Count)
            {
                throw newerSchema(current);
            }

            for (var version = current + 1; version <= migrations.Count; version++)
            {
                Execute(connection, transaction, migrations[version - 1]);
                afterMigration?.Invoke(version, transaction);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {versionTable} (version, applied_at) VALUES ($version, $at)";
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
