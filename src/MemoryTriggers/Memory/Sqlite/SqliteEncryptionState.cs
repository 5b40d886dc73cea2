using System.Globalization;
using MemoryTriggers.Memory.Encryption;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// The <c>encryption</c> row of a store and the checks made against it: at open (before any
/// write) and at the start of every write transaction, so a key mismatch never writes.
/// </summary>
internal sealed record SqliteEncryptionState(bool Encrypted, string? KeyId, string? KeyCheck)
{
    /// <summary>Reads the row, or null if the schema predates encryption (or the file is new).</summary>
    public static SqliteEncryptionState? Read(SqliteConnection connection, SqliteTransaction? transaction)
    {
        if (!TableExists(connection, transaction, "encryption"))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT encrypted, key_id, key_check FROM encryption WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SqliteEncryptionState(reader.GetInt64(0) != 0, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>Counts memories and history entries, zero if the tables do not exist yet.</summary>
    public static long CountUse(SqliteConnection connection, SqliteTransaction? transaction)
    {
        if (!TableExists(connection, transaction, "memories"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT count(*) FROM memories) + (SELECT count(*) FROM history)";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks a store can be used with the key (or without one): an encrypted store needs its key; a
    /// plaintext store that was ever used cannot take one.
    /// </summary>
    public static void Check(SqliteEncryptionState? state, MemoryCipher? cipher, Func<long> countUse, string path)
    {
        if (state is { Encrypted: true })
        {
            if (cipher is null)
            {
                throw new MemoryEncryptionException(
                    MemoryEncryptionError.KeyRequired,
                    $"The memory store '{path}' is encrypted (key id {state.KeyId}) and no key was given. "
                    + "Set backend.encryption_enabled: true and backend.encryption_key_path to its key file.",
                    path: path);
            }

            if (!string.Equals(state.KeyCheck, cipher.KeyCheck, StringComparison.Ordinal))
            {
                throw new MemoryEncryptionException(
                    MemoryEncryptionError.WrongKey,
                    $"The memory store '{path}' is encrypted with key id {state.KeyId}, but the given key has id {cipher.KeyId}. "
                    + "Use the key file the store was created with; nothing was written.",
                    path: path);
            }
        }
        else if (cipher is not null && countUse() > 0)
        {
            throw new MemoryEncryptionException(
                MemoryEncryptionError.PlaintextStoreNotEmpty,
                $"The memory store '{path}' is not encrypted and already holds memories, so it cannot be opened with an encryption key "
                + "(encrypting existing memories is not supported). Open it without a key, or export its memories "
                + "('memory-config memories export') and import them into a new encrypted store.",
                path: path);
        }
    }

    /// <summary>Marks a new, never used store as encrypted with the cipher's key, inside the caller's write transaction.</summary>
    public static void Enable(SqliteConnection connection, SqliteTransaction transaction, MemoryCipher cipher, long nowTicks)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE encryption SET encrypted = 1, algorithm = $algorithm, key_id = $keyId, key_check = $keyCheck, enabled_at = $at
            WHERE id = 1
            """;
        command.Parameters.AddWithValue("$algorithm", MemoryCipher.Algorithm);
        command.Parameters.AddWithValue("$keyId", cipher.KeyId);
        command.Parameters.AddWithValue("$keyCheck", cipher.KeyCheck);
        command.Parameters.AddWithValue("$at", nowTicks);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Refuses a write when the file's encryption no longer matches what the store opened with
    /// (another process encrypted the empty store meanwhile, or the row was changed).
    /// </summary>
    public static void Guard(SqliteConnection connection, SqliteTransaction transaction, MemoryCipher? cipher, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT encrypted, key_id, key_check FROM encryption WHERE id = 1";
        using var reader = command.ExecuteReader();
        var state = reader.Read()
            ? new SqliteEncryptionState(reader.GetInt64(0) != 0, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : new SqliteEncryptionState(false, null, null);
        if (state.Matches(cipher))
        {
            return;
        }

        Check(state, cipher, static () => 0, path);
        throw new MemoryEncryptionException(
            MemoryEncryptionError.KeyRequired,
            $"The memory store '{path}' is no longer encrypted with key id {cipher?.KeyId}; nothing was written. Reopen the store.",
            path: path);
    }

    /// <summary>Whether this state is the one a store opened with <paramref name="cipher"/> (or none) expects.</summary>
    public bool Matches(MemoryCipher? cipher) =>
        cipher is null ? !Encrypted : Encrypted && string.Equals(KeyCheck, cipher.KeyCheck, StringComparison.Ordinal);

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name)";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }
}
