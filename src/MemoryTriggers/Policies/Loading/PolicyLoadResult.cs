using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>The outcome of loading policy files: the rules that could be read and every issue found.</summary>
public sealed class PolicyLoadResult
{
    /// <summary>Initializes a new instance of the <see cref="PolicyLoadResult"/> class.</summary>
    /// <param name="policies">The rules that were read.</param>
    /// <param name="issues">The issues, in file order and within a file by position; the list is copied.</param>
    public PolicyLoadResult(PolicySet policies, IEnumerable<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(issues);
        Policies = policies;
        Issues = issues.ToArray().AsReadOnly();
        Valid = !Issues.Any(i => i.IsError);
    }

    /// <summary>Gets the rules that were read without errors, with the parsed documents for locating later issues.</summary>
    public PolicySet Policies { get; }

    /// <summary>Gets every issue: errors, warnings and information, each with its file, line and column when known.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets a value indicating whether no issue is an error.</summary>
    public bool Valid { get; }
}
