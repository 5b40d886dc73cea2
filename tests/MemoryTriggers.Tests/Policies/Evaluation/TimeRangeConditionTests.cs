using System.Globalization;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Evaluation;

/// <summary>2024-07-01 is a Monday; 2024-07-05 a Friday; 2024-07-06 a Saturday; 2024-07-07 a Sunday.</summary>
public sealed class TimeRangeConditionTests
{
    [Theory]
    [InlineData("2024-07-01T09:00:00Z", true)]
    [InlineData("2024-07-01T12:30:00Z", true)]
    [InlineData("2024-07-01T16:59:59Z", true)]
    [InlineData("2024-07-01T17:00:00Z", false)]
    [InlineData("2024-07-01T08:59:59Z", false)]
    [InlineData("2024-07-01T00:00:00Z", false)]
    public void Evaluate_StartInclusiveEndExclusive(string utc, bool expected) =>
        Assert.Equal(expected, At(utc, Time("09:00", "17:00")));

    [Fact]
    public void Evaluate_Seconds_AreAccepted()
    {
        Assert.False(At("2024-07-01T09:00:29Z", Time("09:00:30", "09:01:00")));
        Assert.True(At("2024-07-01T09:00:30Z", Time("09:00:30", "09:01:00")));
    }

    [Theory]
    [InlineData("mon", "2024-07-01T10:00:00Z", true)]
    [InlineData("tue", "2024-07-01T10:00:00Z", false)]
    [InlineData("Monday", "2024-07-01T10:00:00Z", true)]
    [InlineData("MON", "2024-07-01T10:00:00Z", true)]
    [InlineData("friday", "2024-07-05T10:00:00Z", true)]
    [InlineData("weekdays", "2024-07-01T10:00:00Z", true)]
    [InlineData("weekdays", "2024-07-05T10:00:00Z", true)]
    [InlineData("weekdays", "2024-07-06T10:00:00Z", false)]
    [InlineData("weekdays", "2024-07-07T10:00:00Z", false)]
    [InlineData("weekends", "2024-07-06T10:00:00Z", true)]
    [InlineData("weekends", "2024-07-07T10:00:00Z", true)]
    [InlineData("weekends", "2024-07-05T10:00:00Z", false)]
    [InlineData("sun", "2024-07-07T10:00:00Z", true)]
    public void Evaluate_Days_AcceptShortFullAndGroupNames(string day, string utc, bool expected) =>
        Assert.Equal(expected, At(utc, Time("09:00", "17:00", null, day)));

    [Fact]
    public void Evaluate_SeveralDays_AnyOfThem()
    {
        var condition = Time("09:00", "17:00", null, "tue", "thu", "sat");

        Assert.False(At("2024-07-01T10:00:00Z", condition));
        Assert.True(At("2024-07-02T10:00:00Z", condition));
        Assert.True(At("2024-07-06T10:00:00Z", condition));
    }

    [Theory]
    [InlineData("2024-07-01T07:30:00Z", true)]
    [InlineData("2024-07-01T06:59:59Z", false)]
    [InlineData("2024-07-01T14:59:59Z", true)]
    [InlineData("2024-07-01T15:00:00Z", false)]
    [InlineData("2024-01-15T08:30:00Z", true)]
    [InlineData("2024-01-15T07:30:00Z", false)]
    [InlineData("2024-01-15T15:59:00Z", true)]
    public void Evaluate_Timezone_UsesLocalTimeWithDaylightSaving(string utc, bool expected) =>
        Assert.Equal(expected, At(utc, Time("09:00", "17:00", "Europe/Berlin")));

    [Fact]
    public void Evaluate_Timezone_DecidesTheDay()
    {
        // Monday 02:00 UTC is Sunday 22:00 in New York (EDT).
        Assert.True(At("2024-07-01T02:00:00Z", Time("21:00", "23:00", "America/New_York", "sun")));
        Assert.False(At("2024-07-01T02:00:00Z", Time("21:00", "23:00", "America/New_York", "mon")));

        // Monday 23:30 UTC is Tuesday 01:30 in Berlin (CEST).
        Assert.True(At("2024-07-01T23:30:00Z", Time("01:00", "02:00", "Europe/Berlin", "tue")));
    }

    [Theory]
    [InlineData("2024-07-05T21:59:59Z", false)]
    [InlineData("2024-07-05T22:00:00Z", true)]
    [InlineData("2024-07-05T23:30:00Z", true)]
    [InlineData("2024-07-06T00:00:00Z", true)]
    [InlineData("2024-07-06T05:59:59Z", true)]
    [InlineData("2024-07-06T06:00:00Z", false)]
    [InlineData("2024-07-05T02:00:00Z", false)]
    [InlineData("2024-07-06T23:00:00Z", false)]
    public void Evaluate_WindowPastMidnight_CountsTheDayItStarted(string utc, bool expected) =>
        Assert.Equal(expected, At(utc, Time("22:00", "06:00", null, "fri")));

    [Fact]
    public void Evaluate_WindowPastMidnight_AcrossTheWeekBoundary()
    {
        // Monday 03:00 belongs to Sunday's night window; Sunday 03:00 to Saturday's.
        Assert.True(At("2024-07-01T03:00:00Z", Time("22:00", "06:00", null, "sun")));
        Assert.False(At("2024-07-01T03:00:00Z", Time("22:00", "06:00", null, "mon")));
        Assert.True(At("2024-07-07T03:00:00Z", Time("22:00", "06:00", null, "sat")));
        Assert.False(At("2024-07-07T03:00:00Z", Time("22:00", "06:00", null, "sun")));
    }

    [Theory]
    [InlineData("2024-07-01T23:00:00Z", true)]
    [InlineData("2024-07-01T03:00:00Z", true)]
    [InlineData("2024-07-01T12:00:00Z", false)]
    public void Evaluate_WindowPastMidnightEveryDay(string utc, bool expected) =>
        Assert.Equal(expected, At(utc, Time("22:00", "06:00")));

    [Fact]
    public void Evaluate_UsesTheEngineClockAtEachEvaluation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2024-07-01T08:59:00Z", CultureInfo.InvariantCulture));
        var engine = new PolicyEngine(Set(Rule("r", Time("09:00", "17:00"))), TestEngines.Options(time: time));

        Assert.False(ConditionHarness.Evaluate(engine, "{}"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(ConditionHarness.Evaluate(engine, "{}"));
        time.Advance(TimeSpan.FromHours(8));
        Assert.False(ConditionHarness.Evaluate(engine, "{}"));
    }

    [Fact]
    public void Evaluate_Negated_IsOutsideTheWindow() =>
        Assert.True(At("2024-07-01T18:00:00Z", Not(Time("09:00", "17:00"))));

    [Theory]
    [InlineData("25:00", "17:00", null, null, ".start_time")]
    [InlineData("noon", "17:00", null, null, ".start_time")]
    [InlineData("09:00", "24:00", null, null, ".end_time")]
    [InlineData("09:00", "17:00", "Mars/Olympus_Mons", null, ".timezone")]
    [InlineData("09:00", "17:00", null, "funday", ".days")]
    [InlineData("09:00", "17:00", null, "tues", ".days")]
    public void Compile_InvalidWindow_IsReportedAndNeverMatches(string start, string end, string? zone, string? day, string pathSuffix)
    {
        var condition = Time(start, end, zone, day is null ? [] : [day]);
        var engine = TestEngines.Create(Set(Rule("r", condition), Rule("negated", Not(condition))));

        Assert.Equal(2, engine.CompilationIssues.Count);
        Assert.All(engine.CompilationIssues, issue => Assert.EndsWith(pathSuffix, issue.Path, StringComparison.Ordinal));
        Assert.Equal(0, engine.Match(TestContexts.Json("{}"), new List<string>()));
    }

    [Fact]
    public void Explain_ShowsLocalTimeAndWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2024-07-01T07:30:00Z", CultureInfo.InvariantCulture));
        var engine = new PolicyEngine(Set(Rule("r", Time("09:00", "17:00", "Europe/Berlin", "mon"))), TestEngines.Options(time: time));

        var trace = Assert.Single(engine.ExecuteRules(TestContexts.Json("{}"), new EvaluationOptions { Explain = true }).Results[0].Conditions!);

        Assert.True(trace.Result);
        Assert.Equal("time_range", trace.Type);
        Assert.Contains("09:30", trace.Actual, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", trace.Actual, StringComparison.Ordinal);
        Assert.Contains("09:00-17:00", trace.Expected, StringComparison.Ordinal);
        Assert.Contains("mon", trace.Expected, StringComparison.Ordinal);
    }

    private static bool At(string utc, PolicyCondition condition) =>
        ConditionHarness.Evaluate(condition, "{}", TestEngines.Options(time: new FakeTimeProvider(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture))));
}
