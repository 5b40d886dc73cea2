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
}
