namespace MemoryTriggers.Runtime;

/// <summary>A memory operation was refused because <c>max_memory_operations_per_second</c> was reached.</summary>
public sealed class MemoryRateLimitedException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="MemoryRateLimitedException"/> class.</summary>
    public MemoryRateLimitedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryRateLimitedException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryRateLimitedException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
