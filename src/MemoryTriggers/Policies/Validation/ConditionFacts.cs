using System.Globalization;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Policies;

/// <summary>What can be known about a condition without a context: whether it is always or never true, and whether it keeps state.</summary>
internal static class ConditionFacts
{
    /// <summary>Deeper conditions are reported by <see cref="PolicyValidationCodes.Nesting"/> and not analysed.</summary>
    public const int MaxDepth = 32;

    public static string TypeName(PolicyConditionType type) => Names.ToSnakeCase(type.ToString());

    public static string TypeName(PolicyActionType type) => Names.ToSnakeCase(type.ToString());

    /// <summary>Whether the condition is true for every context and every state.</summary>
    public static bool IsAlwaysTrue(PolicyCondition condition, int depth = 1) => depth <= MaxDepth && condition switch
    {
        { Type: PolicyConditionType.Always, Negate: false } or { Type: PolicyConditionType.Never, Negate: true } => true,
        { Type: PolicyConditionType.CompositeAnd, Negate: false, SubConditions.Count: > 0 } => condition.SubConditions.All(c => IsAlwaysTrue(c, depth + 1)),
        { Type: PolicyConditionType.CompositeOr, Negate: false } => condition.SubConditions.Any(c => IsAlwaysTrue(c, depth + 1)),
        _ => false,
    };

    /// <summary>Whether the condition is false for every context and every state.</summary>
    public static bool IsNever(PolicyCondition condition, int depth = 1) => depth <= MaxDepth && condition switch
    {
        { Type: PolicyConditionType.Never, Negate: false } or { Type: PolicyConditionType.Always, Negate: true } => true,
        { Type: PolicyConditionType.Probability, Negate: false, Probability: 0 } => true,
        { Type: PolicyConditionType.TimeRange, Negate: false } => IsEmptyWindow(condition),
        { Type: PolicyConditionType.CompositeAnd, Negate: false } => condition.SubConditions.Any(c => IsNever(c, depth + 1)),
        { Type: PolicyConditionType.CompositeOr, Negate: false, SubConditions.Count: > 0 } => condition.SubConditions.All(c => IsNever(c, depth + 1)),
        _ => false,
    };

    /// <summary>Why <see cref="IsNever"/> holds, for messages.</summary>
    public static string NeverReason(PolicyCondition condition, int depth = 1) => condition.Type switch
    {
        PolicyConditionType.Never => "it is 'never'",
        PolicyConditionType.Always => "it is a negated 'always'",
        PolicyConditionType.Probability => "its probability is 0",
        PolicyConditionType.TimeRange => $"its time window {condition.StartTime}-{condition.EndTime} is empty",
        PolicyConditionType.CompositeAnd when depth < MaxDepth && condition.SubConditions.Select((c, i) => (c, i)).FirstOrDefault(s => IsNever(s.c, depth + 1)) is { c: { } sub } found =>
            $"sub_conditions[{found.i}] can never be true ({NeverReason(sub, depth + 1)})",
        _ => "none of its sub-conditions can be true",
    };

    /// <summary>Whether the condition's result can change from one evaluation to the next for the same context (rate limits, chance, the clock).</summary>
    public static bool IsStateful(PolicyCondition condition, int depth = 1) =>
        condition.Type is PolicyConditionType.RateLimit or PolicyConditionType.Probability or PolicyConditionType.TimeRange
        || (depth < MaxDepth && condition.SubConditions.Any(c => IsStateful(c, depth + 1)));

    /// <summary>Whether a valid time_range has the same start and end, a window that contains no time at all.</summary>
    public static bool IsEmptyWindow(PolicyCondition condition) =>
        TimeRangeCondition.TryParseTime(condition.StartTime, out var start)
        && TimeRangeCondition.TryParseTime(condition.EndTime, out var end)
        && start == end;

    /// <summary>Reads a number, or a string that holds one (<paramref name="isText"/> then is true).</summary>
    public static bool TryNumber(object? value, out double number, out bool isText)
    {
        isText = value is string;
        switch (value)
        {
            case string text:
                return ContextValue.TryParseNumber(text.Trim(), out number);
            case int or long or double or float or decimal or short or byte or sbyte or uint or ulong or ushort:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Formats a value for messages as YAML would show it.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Describes a condition briefly, such as <c>status equals 'open'</c>.</summary>
    public static string Describe(PolicyCondition condition)
    {
        var not = condition.Negate ? "not " : string.Empty;
        var type = TypeName(condition.Type);
        return condition.Type switch
        {
            PolicyConditionType.Between => $"{condition.Field} {not}between {Show(condition.MinValue)} and {Show(condition.MaxValue)}",
            PolicyConditionType.InList or PolicyConditionType.NotInList => $"{condition.Field} {not}{type} [{string.Join(", ", condition.Values.Select(Show))}]",
            PolicyConditionType.Exists or PolicyConditionType.NotExists => $"{condition.Field} {not}{type}",
            _ when condition.Field is not null => $"{condition.Field} {not}{type} {Show(condition.Value)}",
            _ => not + type,
        };
    }
}
