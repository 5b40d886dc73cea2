using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MemoryTriggers.Compare.Harness;

/// <summary>Runs the phases of PROTOCOL.md for one engine, one rules file and one event stream.</summary>
public static class HarnessRunner
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs every phase, lets <paramref name="extras"/> add engine-specific
    /// measurements, and writes the match lines and the result JSON. Returns the process exit code: 0, or 2 for
    /// bad arguments or unreadable files (a one-line message on stderr), or 1 when the engine fails.
    /// </summary>
    public static int Run<TEvent>(IHarnessEngine<TEvent> engine, IReadOnlyList<string> args, Action<HarnessSession<TEvent>>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        HarnessOptions options;
        string[] lines;
        try
        {
            options = HarnessOptions.Parse(args);
            lines = File.ReadAllLines(options.Events).Where(l => l.Length > 0).ToArray();
            if (lines.Length == 0)
            {
                throw new InvalidDataException($"{options.Events}: no events");
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{engine.Name} harness: {e.Message}");
            return 2;
        }

        try
        {
            Measure(engine, options, lines, extras).Write(options.Result);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"{engine.Name} harness failed on {options.Rules}: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static HarnessResult Measure<TEvent>(IHarnessEngine<TEvent> engine, HarnessOptions options, string[] lines, Action<HarnessSession<TEvent>>? extras)
    {
        var events = lines.Select(engine.Parse).ToArray();
        var result = new HarnessResult
        {
            Engine = engine.Name,
            EngineVersion = engine.Version,
            Runtime = RuntimeInformation.FrameworkDescription,
            Rules = Path.GetFileNameWithoutExtension(options.Rules).Replace(".canonical", "", StringComparison.Ordinal),
            Variant = options.Variant,
            Run = options.Run,
        };
        var session = new HarnessSession<TEvent>(options, lines, events, result);
        var matched = new List<string>(64);

        Phase(engine, result, "cold start");
        var start = Stopwatch.GetTimestamp();
        engine.Load(options.Rules);
        engine.Evaluate(events[0], matched);
        result.ColdStartMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        result.RuleCount = engine.RuleCount;

        Phase(engine, result, "correctness pass");
        using (var output = new MatchLines(options.Matches))
        {
            start = Stopwatch.GetTimestamp();
            var deadline = start + (long)(options.CheckSeconds * Stopwatch.Frequency);
            for (var i = 0; i < events.Length; i++)
            {
                matched.Clear();
                engine.Evaluate(events[i], matched);
                output.Add(i, matched);
                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    break;
                }
            }

            result.CheckedEvents = output.Count;
            result.MatchesSha256 = output.Finish();
            var perEvent = Stopwatch.GetElapsedTime(start).TotalSeconds / output.Count;
            session.Stride = (int)Math.Clamp(0.001 / Math.Max(perEvent, 1e-9), 1, 4096);
        }

        Phase(engine, result, "warm-up");
        session.MeasureThroughput(engine.Evaluate, options.WarmupSeconds);

        Phase(engine, result, "throughput");
        var throughput = session.MeasureThroughput(engine.Evaluate, options.MeasureSeconds);
        result.ThroughputEps = throughput.EventsPerSecond;
        result.BytesPerEvent = throughput.BytesPerEvent;

        Phase(engine, result, "latency");
        result.LatencyNs = session.MeasureLatency(engine.Evaluate, options.MeasureSeconds);

        Phase(engine, result, "two threads");
        result.TwoThreadEps = session.MeasureParallel(engine.Evaluate, 2, options.MeasureSeconds).EventsPerSecond;

        Phase(engine, result, "end to end");
        var lineIndex = 0;
        var endToEnd = session.MeasureThroughput(
            (_, found) =>
            {
                var parsed = engine.Parse(lines[lineIndex]);
                engine.Evaluate(parsed, found);
                (parsed as IDisposable)?.Dispose();
                lineIndex = lineIndex + 1 == lines.Length ? 0 : lineIndex + 1;
            },
            options.MeasureSeconds);
        result.EndToEndEps = endToEnd.EventsPerSecond;

        if (extras is not null)
        {
            Phase(engine, result, "extras");
            extras(session);
        }

        return result;
    }

    private static void Phase<TEvent>(IHarnessEngine<TEvent> engine, HarnessResult result, string phase) =>
        Console.Error.WriteLine($"{engine.Name} {result.Rules} {result.Variant} run {result.Run}: {phase}");
}
