using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies;

/// <summary>One test of a rule or of a conditional action. Which fields matter depends on <see cref="Type"/>.</summary>
public sealed record PolicyCondition
{
    /// <summary>Gets the kind of test.</summary>
    public PolicyConditionType Type { get; init; }

    /// <summary>Gets the dotted path of the context field, for example <c>error.code</c> or <c>errors.0.code</c>.</summary>
    public string? Field { get; init; }

    /// <summary>Gets the value compared with: a string, number, boolean, null, list or map.</summary>
    public object? Value { get; init; }

    /// <summary>Gets the values of <c>in_list</c> and <c>not_in_list</c>.</summary>
    public ValueList<object?> Values { get; init; } = ValueList<object?>.Empty;

    /// <summary>Gets the regular expression of <c>matches_regex</c> (a pattern in <see cref="Value"/> is accepted too).</summary>
    public string? RegexPattern { get; init; }

    /// <summary>Gets the lower bound of <c>between</c>, inclusive.</summary>
    public double? MinValue { get; init; }

    /// <summary>Gets the upper bound of <c>between</c>, inclusive.</summary>
    public double? MaxValue { get; init; }

    /// <summary>Gets the start of a <c>time_range</c> window, HH:MM, inclusive.</summary>
    public string? StartTime { get; init; }

    /// <summary>Gets the end of a <c>time_range</c> window, HH:MM, exclusive.</summary>
    public string? EndTime { get; init; }

    /// <summary>Gets the days of a <c>time_range</c> (mon … sun); empty means every day.</summary>
    public ValueList<string> Days { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the IANA time zone of a <c>time_range</c>; null means UTC.</summary>
    public string? Timezone { get; init; }

    /// <summary>Gets the number of firings a <c>rate_limit</c> allows per key within <see cref="TimeWindow"/>.</summary>
    public int? RateLimit { get; init; }

    /// <summary>Gets the window of a <c>rate_limit</c>, in seconds.</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Gets the probability (0–1) of a <c>probability</c> condition.</summary>
    public double? Probability { get; init; }

    /// <summary>Gets the field whose value decides a <c>probability</c> deterministically (hash sampling).</summary>
    public string? SampleBy { get; init; }

    /// <summary>Gets the sub-conditions of <c>composite_and</c> and <c>composite_or</c>.</summary>
    public ValueList<PolicyCondition> SubConditions { get; init; } = ValueList<PolicyCondition>.Empty;

    /// <summary>Gets a value indicating whether the result is inverted.</summary>
    public bool Negate { get; init; }
}
