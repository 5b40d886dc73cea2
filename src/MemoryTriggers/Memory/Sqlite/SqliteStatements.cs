using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// The commands of one write transaction, one per SQL text: Microsoft.Data.Sqlite keeps a command's
/// prepared statements while its text is unchanged, so a statement run for every draft of a batch is
/// compiled once per batch instead of once per draft.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Gets the connection the transaction runs on.</summary>
    public SqliteConnection Connection => connection;

    /// <summary>Gets the write transaction.</summary>
    public SqliteTransaction Transaction => transaction;

    /// <summary>The command for <paramref name="sql"/> in this transaction, with no parameters bound yet.</summary>
    public SqliteCommand Get(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> with the parameters (null binds SQL NULL) and returns the number of rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Get(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
