namespace MemoryTriggers.Policies;

/// <summary>The kind of test a condition makes. docs/policies.md gives each one's exact semantics.</summary>
public enum PolicyConditionType
{
    /// <summary>Always true.</summary>
    Always,

    /// <summary>Always false.</summary>
    Never,

    /// <summary>The field equals <c>value</c>.</summary>
    Equals,

    /// <summary>The field does not equal <c>value</c>.</summary>
    NotEquals,

    /// <summary>The string field contains <c>value</c>, or the list field has it as an item.</summary>
    Contains,

    /// <summary>The negation of <see cref="Contains"/>.</summary>
    NotContains,

    /// <summary>The string field matches the regular expression.</summary>
    MatchesRegex,

    /// <summary>The field is a number greater than <c>value</c>.</summary>
    GreaterThan,

    /// <summary>The field is a number less than <c>value</c>.</summary>
    LessThan,

    /// <summary>The field is a number between <c>min_value</c> and <c>max_value</c>, inclusive.</summary>
    Between,

    /// <summary>The field equals one of <c>values</c>.</summary>
    InList,

    /// <summary>The field equals none of <c>values</c>.</summary>
    NotInList,

    /// <summary>The current time lies in a daily window, on given days, in a time zone.</summary>
    TimeRange,

    /// <summary>The rule fired fewer than <c>rate_limit</c> times for this key within <c>time_window</c>.</summary>
    RateLimit,

    /// <summary>True with a given probability, or for a deterministic share of keys.</summary>
    Probability,

    /// <summary>All sub-conditions are true.</summary>
    CompositeAnd,

    /// <summary>At least one sub-condition is true.</summary>
    CompositeOr,

    /// <summary>The field is present and not null.</summary>
    Exists,

    /// <summary>The field is missing or null.</summary>
    NotExists,
}
