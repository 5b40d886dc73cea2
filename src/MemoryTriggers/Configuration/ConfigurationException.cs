using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration;

/// <summary>Thrown by <see cref="ConfigurationLoader.LoadOrThrow"/> when a configuration has errors; carries every issue.</summary>
public sealed class ConfigurationException : MemoryTriggersException
{
    /// <summary>Initializes a new instance of the <see cref="ConfigurationException"/> class.</summary>
    /// <param name="issues">The issues that made the configuration unusable.</param>
    public ConfigurationException(IReadOnlyList<ValidationIssue> issues)
        : base(Describe(issues)) => Issues = issues;

    /// <summary>Initializes a new instance of the <see cref="ConfigurationException"/> class.</summary>
    public ConfigurationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigurationException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public ConfigurationException(string message)
        : base(message) => Issues = [];

    /// <summary>Initializes a new instance of the <see cref="ConfigurationException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>Gets the issues.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    private static string Describe(IReadOnlyList<ValidationIssue> issues) =>
        issues.Count == 0 ? "The configuration is invalid."
        : $"The configuration is invalid ({issues.Count} issue{(issues.Count == 1 ? "" : "s")}):" + System.Environment.NewLine
            + string.Join(System.Environment.NewLine, issues.Select(i => "  " + i));
}
