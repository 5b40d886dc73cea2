using System.Diagnostics;

namespace MemoryTriggers.Compare.Harness;

/// <summary>
/// The parsed events of one run and the timing loops every phase uses; an engine's extra measurements use the
/// same loops, so all figures are taken the same way.
/// </summary>
/// <typeparam name="TEvent">The engine's natural form of an event.</typeparam>
public sealed class HarnessSession<TEvent>
{
    private const int MaxLatencySamples = 20_000_000;

    internal HarnessSession(HarnessOptions options, IReadOnlyList<string> lines, IReadOnlyList<TEvent> events, HarnessResult result)
    {
        Options = options;
        Lines = lines;
        Events = events;
        Result = result;
    }

    /// <summary>Gets the command-line options.</summary>
    public HarnessOptions Options { get; }

    /// <summary>Gets the raw JSON lines.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Gets the parsed events, in stream order.</summary>
    public IReadOnlyList<TEvent> Events { get; }

    /// <summary>Gets the result being filled in; extra measurements go to <see cref="HarnessResult.Extra"/>.</summary>
    public HarnessResult Result { get; }

    /// <summary>Gets or sets how many events run between two reads of the clock (set from the correctness pass).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Runs <paramref name="body"/> on one thread over the events, cycling from <paramref name="start"/>, for <paramref name="seconds"/>.</summary>
    public PhaseMeasurement MeasureThroughput(Action<TEvent, List<string>> body, double seconds, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        var matched = new List<string>(64);
        var index = start % Events.Count;
        long count = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var begin = Stopwatch.GetTimestamp();
        var deadline = begin + (long)(seconds * Stopwatch.Frequency);
        long now;
        do
        {
            for (var i = 0; i < Stride; i++)
            {
                matched.Clear();
                body(Events[index], matched);
                index = index + 1 == Events.Count ? 0 : index + 1;
            }

            count += Stride;
            now = Stopwatch.GetTimestamp();
        }
        while (now < deadline);

        var elapsed = Stopwatch.GetElapsedTime(begin, now).TotalSeconds;
        return new PhaseMeasurement(count, elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Times each call of <paramref name="body"/> alone for <paramref name="seconds"/> and returns p50, p99, p99.9 in ns.</summary>
    public (double P50, double P99, double P999) MeasureLatency(Action<TEvent, List<string>> body, double seconds)
    {
        ArgumentNullException.ThrowIfNull(body);
        var matched = new List<string>(64);
        var capacity = (int)Math.Min(MaxLatencySamples, Math.Max(1024, Result.ThroughputEps * seconds * 1.5));
        var samples = new long[capacity];
        var count = 0;
        var index = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (count < samples.Length)
        {
            matched.Clear();
            var before = Stopwatch.GetTimestamp();
            body(Events[index], matched);
            var after = Stopwatch.GetTimestamp();
            samples[count++] = after - before;
            index = index + 1 == Events.Count ? 0 : index + 1;
            if (after >= deadline)
            {
                break;
            }
        }

        return LatencySummary.FromTicks(samples, count);
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads sharing the engine for <paramref name="seconds"/>.</summary>
    public PhaseMeasurement MeasureParallel(Action<TEvent, List<string>> body, int threads, double seconds)
    {
        ArgumentNullException.ThrowIfNull(body);
        var stop = 0;
        var counts = new long[threads];
        using var ready = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var matched = new List<string>(64);
            var index = t * Events.Count / threads;
            long count = 0;
            ready.SignalAndWait();
            while (Volatile.Read(ref stop) == 0)
            {
                for (var i = 0; i < Stride; i++)
                {
                    matched.Clear();
                    body(Events[index], matched);
                    index = index + 1 == Events.Count ? 0 : index + 1;
                }

                count += Stride;
            }

            counts[t] = count;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        ready.SignalAndWait();
        var begin = Stopwatch.GetTimestamp();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref stop, 1);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return new PhaseMeasurement(counts.Sum(), elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
