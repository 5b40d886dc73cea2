using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;

namespace MemoryTriggers.Validation;

/// <summary>The outcome of validating a configuration: every issue found, never only the first.</summary>
public sealed class ValidationReport
{
    /// <summary>Initializes a new instance of the <see cref="ValidationReport"/> class.</summary>
    /// <param name="issues">The issues, in the order found.</param>
    /// <param name="schemaValid">Whether parsing and the JSON Schema found no error.</param>
    /// <param name="runtimeValid">Whether the semantic rules found no error.</param>
    /// <param name="score">The performance score, when the configuration could be scored.</param>
    /// <param name="config">The configuration that was validated, when one could be built.</param>
    /// <param name="document">The document the configuration was read from, after environment overrides, when there was one.</param>
    public ValidationReport(IEnumerable<ValidationIssue> issues, bool schemaValid, bool runtimeValid, PerformanceScore? score, MemoryTriggerConfig? config, ConfigDocument? document = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        Issues = issues.ToArray();
        Errors = Issues.Where(i => i.Severity == IssueSeverity.Error).ToArray();
        Warnings = Issues.Where(i => i.Severity == IssueSeverity.Warning).ToArray();
        Infos = Issues.Where(i => i.Severity == IssueSeverity.Info).ToArray();
        SchemaValid = schemaValid;
        RuntimeValid = runtimeValid;
        Score = score;
        Config = config;
        Document = document;
    }

    /// <summary>Gets a value indicating whether the configuration can be used: no stage found an error.</summary>
    public bool Valid => SchemaValid && RuntimeValid && Errors.Count == 0;

    /// <summary>Gets a value indicating whether parsing, binding and the JSON Schema found no error.</summary>
    public bool SchemaValid { get; }

    /// <summary>Gets a value indicating whether the semantic rules found no error.</summary>
    public bool RuntimeValid { get; }

    /// <summary>Gets the performance score from 0.0 to 1.0, or 0.0 when the configuration could not be scored.</summary>
    public double PerformanceScore => Score?.Value ?? 0.0;

    /// <summary>Gets the performance score with its factors, when the configuration could be scored.</summary>
    public PerformanceScore? Score { get; }

    /// <summary>Gets the configuration that was validated, with defaults and overrides applied; null when the text could not be read at all.</summary>
    public MemoryTriggerConfig? Config { get; }

    /// <summary>Gets the document after environment overrides, whose nodes tell where each value came from; null when no text was read.</summary>
    public ConfigDocument? Document { get; }

    /// <summary>Gets every issue, in the order found.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets the errors.</summary>
    public IReadOnlyList<ValidationIssue> Errors { get; }

    /// <summary>Gets the warnings.</summary>
    public IReadOnlyList<ValidationIssue> Warnings { get; }

    /// <summary>Gets the informational notes.</summary>
    public IReadOnlyList<ValidationIssue> Infos { get; }
}
