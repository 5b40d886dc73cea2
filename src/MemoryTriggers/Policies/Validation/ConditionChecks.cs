using System.Globalization;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>Checks each condition's own fields, recursing into sub-conditions.</summary>
internal static class ConditionChecks
{
    private const double MaxRatePerSecond = 100;

    private static readonly Lazy<string[]> s_zoneIds = new(() => [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)]);

    public static void Check(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, int depth)
    {
        if (depth > ConditionFacts.MaxDepth)
        {
            sink.Error(rule, C.Nesting, path, $"conditions nest deeper than {ConditionFacts.MaxDepth} levels; deeper levels are not checked",
                "flatten the condition: an and inside an and (or an or inside an or) can be merged into one");
            return;
        }

        var type = ConditionFacts.TypeName(condition.Type);
        if (IsFieldBased(condition.Type) && string.IsNullOrWhiteSpace(condition.Field))
        {
            sink.Error(rule, C.MissingField, path + ".field", $"{type} needs a field to test",
                "add 'field:' with the dotted path of the context value, for example 'field: error.code'");
        }

        switch (condition.Type)
        {
            case PolicyConditionType.Equals or PolicyConditionType.NotEquals:
                CheckComparedWithNull(sink, rule, condition, path, type);
                break;
            case PolicyConditionType.Contains or PolicyConditionType.NotContains:
                if (condition.Value is null)
                {
                    sink.Error(rule, C.MissingValue, path + ".value", $"{type} needs a value to look for",
                        "add 'value:' with the substring or list item to look for; to test for absence use not_exists");
                }

                break;
            case PolicyConditionType.GreaterThan or PolicyConditionType.LessThan:
                CheckNumericValue(sink, rule, condition, path, type);
                break;
            case PolicyConditionType.Between:
                CheckBetween(sink, rule, condition, path);
                break;
            case PolicyConditionType.InList or PolicyConditionType.NotInList:
                if (condition.Values.Count == 0)
                {
                    sink.Error(rule, C.EmptyList, path + ".values", $"{type} needs at least one item in values",
                        "list the accepted values: values: [a, b]");
                }

                break;
            case PolicyConditionType.MatchesRegex:
                CheckRegex(sink, rule, condition, path);
                break;
            case PolicyConditionType.TimeRange:
                CheckTimeRange(sink, rule, condition, path);
                break;
            case PolicyConditionType.RateLimit:
                CheckRateLimit(sink, rule, condition, path);
                break;
            case PolicyConditionType.Probability:
                if (condition.Probability is not (>= 0 and <= 1))
                {
                    var found = condition.Probability is { } p ? "is " + p.ToString(CultureInfo.InvariantCulture) : "is missing";
                    sink.Error(rule, C.Probability, path + ".probability", $"probability needs a probability from 0 to 1; it {found}",
                        "write the chance as a fraction, for example 'probability: 0.25' for one in four");
                }

                break;
            case PolicyConditionType.CompositeAnd or PolicyConditionType.CompositeOr:
                if (condition.SubConditions.Count == 0)
                {
                    sink.Error(rule, C.CompositeEmpty, path + ".sub_conditions", $"{type} needs at least one sub-condition",
                        "list the conditions to combine under 'sub_conditions:', or remove the composite");
                }

                for (var i = 0; i < condition.SubConditions.Count; i++)
                {
                    Check(sink, rule, condition.SubConditions[i], $"{path}.sub_conditions[{i}]", depth + 1);
                }

                break;
        }
    }

    private static bool IsFieldBased(PolicyConditionType type) => type is PolicyConditionType.Equals or PolicyConditionType.NotEquals
        or PolicyConditionType.Contains or PolicyConditionType.NotContains or PolicyConditionType.MatchesRegex
        or PolicyConditionType.GreaterThan or PolicyConditionType.LessThan or PolicyConditionType.Between
        or PolicyConditionType.InList or PolicyConditionType.NotInList or PolicyConditionType.Exists or PolicyConditionType.NotExists;

    /// <summary>A null value is legal for equals and not_equals, but when the file leaves 'value' out altogether it is probably forgotten.</summary>
    private static void CheckComparedWithNull(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, string type)
    {
        if (condition.Value is not null || sink.FindWritten(rule, path) is not ConfigMapping written || written.Find("value") is not null)
        {
            return;
        }

        var instead = condition.Type == PolicyConditionType.Equals ? "not_exists" : "exists";
        sink.Warning(rule, C.MissingValue, path + ".value", $"{type} has no value, so it compares with null (a missing or null field)",
            $"write 'value: null' if that is meant, or use '{instead}'");
    }

    private static void CheckNumericValue(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, string type)
    {
        if (condition.Value is null)
        {
            sink.Error(rule, C.MissingValue, path + ".value", $"{type} needs a number to compare with", "add 'value:' with a number, for example 'value: 10'");
        }
        else if (!ConditionFacts.TryNumber(condition.Value, out var number, out var isText))
        {
            sink.Error(rule, C.NumericValue, path + ".value", $"{type} compares numbers, but its value {ConditionFacts.Show(condition.Value)} is not a number; the condition is never true",
                "write a number, for example 'value: 10'");
        }
        else if (isText)
        {
            sink.Warning(rule, C.NumericString, path + ".value", $"{type} compares with the string {ConditionFacts.Show(condition.Value)}; it works, but it is a string",
                $"write a number: 'value: {number.ToString(CultureInfo.InvariantCulture)}' without quotes");
        }
    }

    private static void CheckBetween(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path)
    {
        if (condition.MinValue is null || condition.MaxValue is null)
        {
            var missing = condition.MinValue is null ? "min_value" : "max_value";
            sink.Error(rule, C.Between, $"{path}.{missing}", "between needs both min_value and max_value",
                "give both bounds, for example 'min_value: 1' and 'max_value: 10'; for one bound use greater_than or less_than");
        }
        else if (condition.MinValue > condition.MaxValue)
        {
            sink.Error(rule, C.BetweenOrder, path + ".min_value",
                string.Create(CultureInfo.InvariantCulture, $"between has min_value {condition.MinValue} above max_value {condition.MaxValue}, so it is never true"),
                "swap min_value and max_value");
        }
    }

    private static void CheckRegex(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path)
    {
        var pattern = condition.RegexPattern ?? condition.Value as string;
        var at = condition.RegexPattern is null && pattern is not null ? path + ".value" : path + ".regex_pattern";
        if (pattern is null)
        {
            sink.Error(rule, C.Regex, at, "matches_regex needs a regular expression",
                "add 'regex_pattern:' with the pattern, for example 'regex_pattern: \"^timeout\"'");
            return;
        }

        if (RegexAnalysis.CompileError(pattern) is { } error)
        {
            sink.Error(rule, C.Regex, at, $"the regular expression '{pattern}' does not compile: {error}",
                "fix the pattern; in YAML, single-quote it so that backslashes stay as written");
            return;
        }

        // The scan is cheap; building the non-backtracking automaton is not, so it is only probed for nested patterns.
        if (RegexAnalysis.FindNestedQuantifier(pattern) is { } nested && !RegexAnalysis.RunsWithoutBacktracking(pattern))
        {
            sink.Warning(rule, C.RegexBacktracking, at,
                $"the regular expression has the nested quantifier '{nested}' and needs the backtracking engine (it uses a backreference, lookaround or atomic group); " +
                $"it may backtrack catastrophically, so it runs with a {RegexCondition.MatchTimeout.TotalMilliseconds:0} ms timeout and a timeout counts as no match",
                "remove the nesting (for example '(a+)+' → 'a+'), or drop the backreference or lookaround so the linear-time engine can run it");
        }
    }

    private static void CheckTimeRange(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path)
    {
        CheckTime(sink, rule, condition.StartTime, "start_time", path);
        CheckTime(sink, rule, condition.EndTime, "end_time", path);
        for (var i = 0; i < condition.Days.Count; i++)
        {
            if (!TimeRangeCondition.TryParseDays([condition.Days[i]], out _, out _))
            {
                sink.Error(rule, C.Days, $"{path}.days[{i}]", $"'{condition.Days[i]}' is not a day",
                    "use mon, tue, wed, thu, fri, sat, sun, full day names, weekdays or weekends");
            }
        }

        if (condition.Timezone is { } zone)
        {
            try
            {
                _ = TimeZoneInfo.FindSystemTimeZoneById(zone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            {
                var closest = Names.Closest(zone, s_zoneIds.Value);
                sink.Error(rule, C.Timezone, path + ".timezone", $"the time zone '{zone}' is not known on this system",
                    closest is null ? "use an IANA name such as Europe/Berlin or America/New_York, or remove timezone for UTC" : $"did you mean '{closest}'?");
            }
        }
    }

    private static void CheckTime(PolicyIssueCollector sink, PolicyRule rule, string? time, string key, string path)
    {
        if (time is null)
        {
            sink.Error(rule, C.Time, $"{path}.{key}", $"time_range needs {key}", $"add '{key}:' as HH:MM, for example '{key}: \"09:00\"'");
        }
        else if (!TimeRangeCondition.TryParseTime(time, out _))
        {
            sink.Error(rule, C.Time, $"{path}.{key}", $"{key} '{time}' is not a time of day HH:MM from 00:00 to 23:59",
                $"write two-digit hours and minutes, for example '{key}: \"09:30\"'");
        }
    }

    private static void CheckRateLimit(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path)
    {
        if (condition.RateLimit is not >= 1)
        {
            var found = condition.RateLimit is { } n ? "is " + n.ToString(CultureInfo.InvariantCulture) : "is missing";
            sink.Error(rule, C.RateLimit, path + ".rate_limit", $"rate_limit needs rate_limit, the firings allowed per window, of at least 1; it {found}",
                "write how many firings the window allows, for example 'rate_limit: 5'");
        }

        if (condition.TimeWindow is not > 0)
        {
            var found = condition.TimeWindow is { } w ? "is " + w.ToString(CultureInfo.InvariantCulture) : "is missing";
            sink.Error(rule, C.RateLimit, path + ".time_window", $"rate_limit needs time_window, the window in seconds, above 0; it {found}",
                "write the window in seconds, for example 'time_window: 60'");
        }

        if (condition.RateLimit is >= 1 and var limit && condition.TimeWindow is > 0 and var window && limit / window > MaxRatePerSecond)
        {
            sink.Warning(rule, C.RateLimitHigh, path + ".rate_limit",
                string.Create(CultureInfo.InvariantCulture, $"rate_limit allows {limit / window:0.##} firings per second ({limit} in {window} s), which hardly limits anything"),
                $"allow at most {MaxRatePerSecond:0} per second, or remove the condition");
        }
    }
}
