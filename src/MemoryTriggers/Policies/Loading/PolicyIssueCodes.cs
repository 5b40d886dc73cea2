namespace MemoryTriggers.Policies;

/// <summary>
/// The stable codes of issues that only policy files produce. Problems that policy files share with
/// configuration files (syntax, types, enums, unknown keys) use <see cref="Validation.IssueCodes"/>.
/// </summary>
public static class PolicyIssueCodes
{
    /// <summary>A rule's <c>name</c> differs from its key under <c>rules</c> (a warning); the <c>name</c> is used.</summary>
    public const string NameMismatch = "POL-NAME-MISMATCH";

    /// <summary>Two policy files loaded together set different <c>match_mode</c> values.</summary>
    public const string MatchModeConflict = "POL-MATCH-MODE-CONFLICT";

    /// <summary>Two rules have the same name, in one file or across the files loaded together; the later one is dropped.</summary>
    public const string DuplicateRule = "POL-DUPLICATE-RULE";

    /// <summary>A field that the reference format has but this engine does not use, such as <c>async_execution</c> (for information).</summary>
    public const string IgnoredField = "POL-IGNORED-FIELD";
}
