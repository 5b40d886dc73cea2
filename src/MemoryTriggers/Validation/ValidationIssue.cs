using System.Globalization;
using MemoryTriggers.Configuration.Documents;

namespace MemoryTriggers.Validation;

/// <summary>One problem found in a configuration: what, where, and what to do about it.</summary>
public sealed record ValidationIssue
{
    /// <summary>Initializes a new instance of the <see cref="ValidationIssue"/> class.</summary>
    /// <param name="severity">How serious the issue is.</param>
    /// <param name="code">The stable code, one of <see cref="IssueCodes"/>.</param>
    /// <param name="path">The dotted path of the value, for example <c>performance.batch_size</c>; empty for the whole document.</param>
    /// <param name="message">What is wrong.</param>
    public ValidationIssue(IssueSeverity severity, string code, string path, string message)
    {
        Severity = severity;
        Code = code;
        Path = path;
        Message = message;
    }

    /// <summary>Gets how serious the issue is.</summary>
    public IssueSeverity Severity { get; init; }

    /// <summary>Gets the stable code, one of <see cref="IssueCodes"/>.</summary>
    public string Code { get; init; }

    /// <summary>Gets the dotted path of the value; empty for the whole document.</summary>
    public string Path { get; init; }

    /// <summary>Gets what is wrong.</summary>
    public string Message { get; init; }

    /// <summary>Gets what to do about it, if there is advice.</summary>
    public string? Suggestion { get; init; }

    /// <summary>Gets where the offending value is, when it is known.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Default;

    /// <summary>Gets the file or source name, when known.</summary>
    public string? File => Location.File;

    /// <summary>Gets the 1-based line, when known.</summary>
    public int? Line => Location.HasPosition ? Location.Line : null;

    /// <summary>Gets the 1-based column, when known.</summary>
    public int? Column => Location.HasPosition ? Location.Column : null;

    /// <summary>Gets a value indicating whether this is an error.</summary>
    public bool IsError => Severity == IssueSeverity.Error;

    /// <summary>Returns <c>FILE:LINE:COL severity CODE path: message</c>.</summary>
    /// <returns>The issue as one line.</returns>
    public override string ToString()
    {
        var where = Location.Variable is not null ? $"env {Location.Variable}"
            : Location.HasPosition ? $"{Location.File ?? "<input>"}:{Location.Line}:{Location.Column}"
            : Location.File ?? "<config>";
        var path = Path.Length == 0 ? string.Empty : " " + Path;
        return string.Create(CultureInfo.InvariantCulture, $"{where} {Severity.ToString().ToLowerInvariant()} {Code}{path}: {Message}");
    }
}
