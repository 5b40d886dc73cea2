namespace MemoryTriggers.Runtime.Queue;

/// <summary>An <see cref="EventOutbox"/> could not be opened: another process holds the file, or it was written by a newer program.</summary>
public sealed class EventOutboxException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="EventOutboxException"/> class.</summary>
    public EventOutboxException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EventOutboxException"/> class.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    public EventOutboxException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EventOutboxException"/> class.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="innerException">The SQLite error.</param>
    public EventOutboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
