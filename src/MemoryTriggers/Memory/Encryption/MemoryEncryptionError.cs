namespace MemoryTriggers.Memory.Encryption;

/// <summary>What went wrong in a <see cref="MemoryEncryptionException"/>.</summary>
public enum MemoryEncryptionError
{
    /// <summary>The key file does not exist.</summary>
    KeyFileMissing,

    /// <summary>The key file exists but cannot be read (permissions, I/O error).</summary>
    KeyFileUnreadable,

    /// <summary>The key file does not hold a key in the expected format (wrong header, length or encoding).</summary>
    KeyFileCorrupted,

    /// <summary>The key file cannot be written, or already exists and overwriting was not asked for.</summary>
    KeyFileNotWritten,

    /// <summary>The store is encrypted and was opened without a key.</summary>
    KeyRequired,

    /// <summary>The store is encrypted with another key.</summary>
    WrongKey,

    /// <summary>The store is not encrypted, already holds memories, and was opened with a key.</summary>
    PlaintextStoreNotEmpty,

    /// <summary>An encrypted value failed authentication: it was changed, or moved from another row or field.</summary>
    Tampered,
}
