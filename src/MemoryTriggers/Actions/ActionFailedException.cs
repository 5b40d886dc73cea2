namespace MemoryTriggers.Actions;

/// <summary>An action could not be performed; the message says why, for the decision's results.</summary>
public sealed class ActionFailedException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="ActionFailedException"/> class.</summary>
    public ActionFailedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ActionFailedException"/> class.</summary>
    /// <param name="message">Why the action failed.</param>
    public ActionFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ActionFailedException"/> class.</summary>
    /// <param name="message">Why the action failed.</param>
    /// <param name="innerException">The cause.</param>
    public ActionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether trying again may succeed. The engine retries a failed action
    /// (up to its <c>retry_count</c>) only when this is <see langword="true"/>, the default; a refused
    /// URL or a 4xx answer is not retryable.
    /// </summary>
    public bool IsRetryable { get; init; } = true;

    /// <summary>
    /// Gets how long the failed party asked to be left alone (an HTTP Retry-After), if it did; the
    /// engine waits at least this long, or the action's <c>retry_delay</c> if that is longer.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
