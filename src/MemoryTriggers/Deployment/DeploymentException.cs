namespace MemoryTriggers.Deployment;

/// <summary>A deployment operation could not be carried out: an unreadable file, a damaged root, or the root locked by another deploy.</summary>
public sealed class DeploymentException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="DeploymentException"/> class.</summary>
    public DeploymentException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeploymentException"/> class.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    public DeploymentException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeploymentException"/> class.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
