using System.Globalization;

namespace MemoryTriggers.Policies;

/// <summary>
/// <c>time_range</c>: true when the current time, in the condition's time zone (UTC by default), is
/// on one of its days and within [start_time, end_time). A start after the end wraps past midnight,
/// and the day is the day the window started.
/// </summary>
internal sealed class TimeRangeCondition(PolicyCondition source, string path, TimeSpan start, TimeSpan end, DayOfWeek[] days, TimeZoneInfo zone)
    : CompiledCondition(source, path)
{
    /// <inheritdoc/>
    public override int Cost => 3;

    /// <summary>Parses HH:MM or HH:MM:SS.</summary>
    public static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = default;
        return text is not null
            && TimeSpan.TryParseExact(text, text.Length > 5 ? @"hh\:mm\:ss" : @"hh\:mm", CultureInfo.InvariantCulture, out time)
            && time < TimeSpan.FromDays(1);
    }

    /// <summary>Parses mon…sun, full names, weekdays and weekends, in any case.</summary>
    public static bool TryParseDays(IEnumerable<string> names, out DayOfWeek[] days, out string? bad)
    {
        var result = new HashSet<DayOfWeek>();
        bad = null;
        foreach (var name in names)
        {
            var lower = name.Trim().ToLowerInvariant();
            switch (lower)
            {
                case "weekdays":
                    result.UnionWith([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
                    continue;
                case "weekends":
                    result.UnionWith([DayOfWeek.Saturday, DayOfWeek.Sunday]);
                    continue;
            }

            var day = Enum.GetValues<DayOfWeek>().FirstOrDefault(d => d.ToString().ToLowerInvariant() is var full && (full == lower || (lower.Length == 3 && full.StartsWith(lower, StringComparison.Ordinal))), (DayOfWeek)(-1));
            if ((int)day < 0)
            {
                bad = name;
                days = [];
                return false;
            }

            result.Add(day);
        }

        days = [.. result];
        return true;
    }

    protected override bool Test(ref EvalScope scope)
    {
        var local = TimeZoneInfo.ConvertTime(scope.Rule.Time.GetUtcNow(), zone);
        var time = local.TimeOfDay;
        var day = local.DayOfWeek;
        bool inside;
        if (start <= end)
        {
            inside = time >= start && time < end;
        }
        else if (time >= start)
        {
            inside = true;
        }
        else
        {
            inside = time < end;
            day = day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1;
        }

        return inside && (days.Length == 0 || Array.IndexOf(days, day) >= 0);
    }

    protected override (string? Actual, string? Expected) Describe(ref EvalScope scope)
    {
        var local = TimeZoneInfo.ConvertTime(scope.Rule.Time.GetUtcNow(), zone);
        var dayText = days.Length == 0 ? "every day" : string.Join(",", days.Select(d => d.ToString()[..3].ToLowerInvariant()));
        return (local.ToString("ddd HH:mm:ss", CultureInfo.InvariantCulture) + " " + zone.Id, $"{Source.StartTime}-{Source.EndTime} {dayText}");
    }
}
