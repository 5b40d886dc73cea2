using System.Diagnostics;
using MemoryTriggers.Compare.Harness;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// The decision extras: <see cref="PolicyEngine.ExecuteRules"/> as a dry run (actions rendered and planned, limits
/// consulted, nothing recorded, no executor called), with and without explain, on the stream's events; and the bytes
/// allocated per event, measured apart over events that fire a rule and events that match none.
/// </summary>
/// <remarks>
/// Every figure uses the session's own timing loop (<see cref="HarnessSession{TEvent}.MeasureThroughput"/>), after a
/// short untimed warm-up of the same body, so the figures compare with the protocol's phases. Bytes are the process's
/// allocated bytes over the loop divided by the events of the loop.
/// </remarks>
internal static class DecisionMeasurements
{
    private const int MaxSampledEvents = 1_000;
    private const double SamplingSeconds = 1;
    private static readonly EvaluationOptions s_decide = new() { DryRun = true };
    private static readonly EvaluationOptions s_explain = new() { DryRun = true, Explain = true };

    /// <summary>Runs the measurements and adds them to the session's result.</summary>
    public static void Run(PolicyEngine engine, HarnessSession<JsonEvent> session)
    {
        var extra = session.Result.Extra;
        var seconds = session.Options.MeasureSeconds;
        var warmup = Math.Min(0.5, seconds / 4);
        var bytesSeconds = Math.Max(0.25, seconds / 6);

        void Explain(JsonEvent item, List<string> _) => engine.ExecuteRules(item.Context, s_explain);
        void Decide(JsonEvent item, List<string> _) => engine.ExecuteRules(item.Context, s_decide);
        void Match(JsonEvent item, List<string> matched) => engine.Match(item.Context, matched);

        Progress(session, "explain on (dry run)");
        session.MeasureThroughput(Explain, warmup);
        extra["explain_eps"] = session.MeasureThroughput(Explain, seconds).EventsPerSecond;

        Progress(session, "decide, explain off (dry run)");
        session.MeasureThroughput(Decide, warmup);
        extra["decide_eps"] = session.MeasureThroughput(Decide, seconds).EventsPerSecond;

        Progress(session, "bytes per fired / unmatched event");
        var (fired, unmatched, firedRules) = Split(engine, session.Events);
        extra["decide_sampled_fired_events"] = fired.Count;
        extra["decide_fired_rules_per_fired_event"] = fired.Count > 0 ? (double)firedRules / fired.Count : 0;
        extra["decide_sampled_unmatched_events"] = unmatched.Count;
        if (fired.Count > 0)
        {
            extra["decide_bytes_per_fired_event"] = BytesPerEvent(session, fired, Decide, bytesSeconds);
            extra["match_bytes_per_fired_event"] = BytesPerEvent(session, fired, Match, bytesSeconds);
        }

        if (unmatched.Count > 0)
        {
            extra["decide_bytes_per_unmatched_event"] = BytesPerEvent(session, unmatched, Decide, bytesSeconds);
            extra["match_bytes_per_unmatched_event"] = BytesPerEvent(session, unmatched, Match, bytesSeconds);
        }
    }

    /// <summary>
    /// The first events (in stream order, up to <see cref="MaxSampledEvents"/> of each kind, looking for at most
    /// <see cref="SamplingSeconds"/>) whose dry-run decision fires at least one rule, and those for which no rule's
    /// conditions hold; and how many rules the former fire in all.
    /// </summary>
    private static (List<JsonEvent> Fired, List<JsonEvent> Unmatched, long FiredRules) Split(PolicyEngine engine, IReadOnlyList<JsonEvent> events)
    {
        long firedRules = 0;
        var fired = new List<JsonEvent>();
        var unmatched = new List<JsonEvent>();
        var matched = new List<string>();
        var deadline = Stopwatch.GetTimestamp() + (long)(SamplingSeconds * Stopwatch.Frequency);
        foreach (var item in events)
        {
            if ((fired.Count >= MaxSampledEvents && unmatched.Count >= MaxSampledEvents) || Stopwatch.GetTimestamp() > deadline)
            {
                break;
            }

            matched.Clear();
            if (engine.Match(item.Context, matched) == 0)
            {
                if (unmatched.Count < MaxSampledEvents)
                {
                    unmatched.Add(item);
                }
            }
            else if (fired.Count < MaxSampledEvents && engine.ExecuteRules(item.Context, s_decide).Results.Count(r => r.Fired) is > 0 and var count)
            {
                fired.Add(item);
                firedRules += count;
            }
        }

        return (fired, unmatched, firedRules);
    }

    /// <summary>Cycles <paramref name="body"/> over <paramref name="events"/> in the session's loop (warm-up first) and returns the bytes allocated per event.</summary>
    private static double BytesPerEvent(HarnessSession<JsonEvent> session, List<JsonEvent> events, Action<JsonEvent, List<string>> body, double seconds)
    {
        var next = 0;
        void Over(JsonEvent _, List<string> matched)
        {
            body(events[next], matched);
            next = next + 1 == events.Count ? 0 : next + 1;
        }

        session.MeasureThroughput(Over, Math.Min(0.2, seconds));
        return session.MeasureThroughput(Over, seconds).BytesPerEvent;
    }

    private static void Progress(HarnessSession<JsonEvent> session, string what) =>
        Console.Error.WriteLine($"ours {session.Result.Rules} {session.Result.Variant} run {session.Result.Run}: extras: {what}");
}
