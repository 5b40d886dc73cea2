namespace MemoryTriggers.Memory.Encryption;

/// <summary>
/// A key file or an encrypted store cannot be used: the message names the file or the memory and
/// says what to do. Nothing is written to the store when this is thrown.
/// </summary>
public sealed class MemoryEncryptionException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="MemoryEncryptionException"/> class.</summary>
    public MemoryEncryptionException()
        : this(MemoryEncryptionError.KeyFileCorrupted, "The memory encryption key or store cannot be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryEncryptionException"/> class.</summary>
    /// <param name="message">The message.</param>
    public MemoryEncryptionException(string message)
        : this(MemoryEncryptionError.KeyFileCorrupted, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryEncryptionException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryEncryptionException(string message, Exception? innerException)
        : this(MemoryEncryptionError.KeyFileCorrupted, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryEncryptionException"/> class.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="message">The message, naming the file or memory.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="path">The key file or database file concerned, if any.</param>
    /// <param name="memoryId">The memory whose value failed to decrypt, if any.</param>
    public MemoryEncryptionException(
        MemoryEncryptionError error,
        string message,
        Exception? innerException = null,
        string? path = null,
        string? memoryId = null)
        : base(message, innerException!)
    {
        Error = error;
        Path = path;
        MemoryId = memoryId;
    }

    /// <summary>Gets what went wrong.</summary>
    public MemoryEncryptionError Error { get; }

    /// <summary>Gets the key file or database file concerned, if any.</summary>
    public string? Path { get; }

    /// <summary>Gets the memory whose stored value failed to decrypt, if any.</summary>
    public string? MemoryId { get; }
}
