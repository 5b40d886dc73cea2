namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// A memory store call took longer than its configured limit (<c>performance.create_timeout</c> for
/// writes, <c>performance.recall_timeout</c> for reads). Thrown by <see cref="BoundedMemoryStore"/>;
/// a call cancelled by its caller throws <see cref="OperationCanceledException"/> instead.
/// </summary>
public sealed class MemoryStoreTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance of the <see cref="MemoryStoreTimeoutException"/> class.</summary>
    public MemoryStoreTimeoutException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreTimeoutException"/> class.</summary>
    /// <param name="message">What timed out.</param>
    public MemoryStoreTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreTimeoutException"/> class.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryStoreTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreTimeoutException"/> class.</summary>
    /// <param name="operation">The store operation, for example <c>create</c> or <c>recall</c>.</param>
    /// <param name="limit">The limit it exceeded.</param>
    /// <param name="setting">The configuration setting the limit comes from.</param>
    /// <param name="innerException">The cancellation the timeout caused, if any.</param>
    public MemoryStoreTimeoutException(string operation, TimeSpan limit, string setting, Exception? innerException = null)
        : base($"The memory store {operation} did not finish within {limit.TotalSeconds:0.###} s ({setting}).", innerException)
    {
        Operation = operation;
        Limit = limit;
        Setting = setting;
    }

    /// <summary>Gets the store operation that timed out, for example <c>create</c> or <c>recall</c>.</summary>
    public string Operation { get; } = "";

    /// <summary>Gets the limit the operation exceeded.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Gets the configuration setting the limit comes from, for example <c>performance.create_timeout</c>.</summary>
    public string Setting { get; } = "";
}
