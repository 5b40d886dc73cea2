namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// A <see cref="FailoverMemoryStore"/> could not serve a call: the primary store is unavailable and
/// no failover store could take the call (all failed, or the call names a memory that lives only on
/// the primary). Nothing was recorded for replay.
/// </summary>
public sealed class MemoryStoreUnavailableException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="MemoryStoreUnavailableException"/> class.</summary>
    public MemoryStoreUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreUnavailableException"/> class.</summary>
    /// <param name="message">What could not be done.</param>
    public MemoryStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreUnavailableException"/> class.</summary>
    /// <param name="message">What could not be done.</param>
    /// <param name="innerException">The last availability error.</param>
    public MemoryStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
