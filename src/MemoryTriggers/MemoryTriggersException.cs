namespace MemoryTriggers;

/// <summary>The base of the exceptions the library throws at its boundaries.</summary>
public class MemoryTriggersException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MemoryTriggersException"/> class.</summary>
    public MemoryTriggersException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryTriggersException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryTriggersException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryTriggersException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryTriggersException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
