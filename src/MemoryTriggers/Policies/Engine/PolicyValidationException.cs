using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>Thrown by <see cref="PolicyEngine.AddRule"/> and <see cref="PolicyEngine.RemoveRule"/> when the resulting rules would have errors; carries every issue.</summary>
public sealed class PolicyValidationException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class.</summary>
    /// <param name="issues">The errors.</param>
    public PolicyValidationException(IReadOnlyList<ValidationIssue> issues)
        : base("The policy rules are invalid:" + System.Environment.NewLine + string.Join(System.Environment.NewLine, issues.Select(i => "  " + i)))
        => Issues = issues;

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class.</summary>
    public PolicyValidationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public PolicyValidationException(string message)
        : base(message) => Issues = [];

    /// <summary>Initializes a new instance of the <see cref="PolicyValidationException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>Gets the errors.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }
}
