using System.Diagnostics;
using System.Globalization;
using MemoryTriggers.Compare.Harness;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// Reload under load (only with <c>--reload-rules FILE</c>): while one thread (or <c>--reload-threads N</c>) streams
/// the events through <see cref="PolicyEngine.Match"/>, the main thread loads and validates FILE, makes its second
/// version (every rule renamed <c>v2-…</c>, some thresholds moved: <see cref="ReloadRules"/>) and swaps it in with
/// <see cref="PolicyEngine.Replace"/>.
/// </summary>
/// <remarks>
/// Every event streamed is recorded (start, duration, which versions its matched names came from, and a fingerprint
/// of the matched names in order). Afterwards each one is checked: no event may hold names of both versions, an event
/// that finished before <c>Replace</c> was called must equal the old set's answer, one that started after it returned
/// must equal the new set's, and one in between must equal one of the two. The answers are recomputed on separate
/// engines of each version. p99 "before" covers the streaming before the reload started (less its first 0.25 s);
/// p99 "during" covers events that started from the moment the reload started (loading the file) until 100 ms after
/// <c>Replace</c> returned.
/// </remarks>
internal static class ReloadUnderLoad
{
    private const double BeforeSeconds = 1.0;
    private const double AfterSeconds = 0.5;
    private const double SettleSeconds = 0.25;
    private const double TailSeconds = 0.1;
    private const byte OldName = 1;
    private const byte NewName = 2;

    /// <summary>Runs the measurement and adds its figures to the session's result.</summary>
    public static void Run(PolicyEngine engine, HarnessSession<JsonEvent> session, string reloadFile)
    {
        var extra = session.Result.Extra;
        var threads = session.Options.Extra.TryGetValue("reload-threads", out var text) ? ParseThreads(text) : 1;
        var oldSet = engine.Policies;
        if (oldSet.Rules.FirstOrDefault(r => r.Name.StartsWith(ReloadRules.Prefix, StringComparison.Ordinal)) is { } clash)
        {
            throw new InvalidDataException($"reload: the loaded rule '{clash.Name}' already starts with '{ReloadRules.Prefix}', which marks the new version");
        }

        Console.Error.WriteLine($"ours {session.Result.Rules} {session.Result.Variant} run {session.Result.Run}: extras: reload under load ({reloadFile}, {threads} streaming thread(s))");
        var events = session.Events;
        var expected = (long)(Math.Max(session.Result.ThroughputEps, 10_000) * (BeforeSeconds + AfterSeconds + 2) * 1.3);
        var samples = Enumerable.Range(0, threads).Select(_ => new Samples(expected)).ToArray();
        var stop = 0;
        using var ready = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var matched = new List<string>(64);
            var index = t * events.Count / threads;
            var own = samples[t];
            ready.SignalAndWait();
            while (Volatile.Read(ref stop) == 0)
            {
                var item = events[index];
                matched.Clear();
                var start = Stopwatch.GetTimestamp();
                engine.Match(item.Context, matched);
                var end = Stopwatch.GetTimestamp();
                own.Add(index, start, end - start, Fingerprint(matched), Versions(matched));
                index = index + 1 == events.Count ? 0 : index + 1;
            }
        })
        { IsBackground = true }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        ready.SignalAndWait();
        var streamStart = Stopwatch.GetTimestamp();
        long reloadStart, replaceStart, replaceEnd;
        PolicySet newSet;
        int perturbed;
        try
        {
            Thread.Sleep(TimeSpan.FromSeconds(BeforeSeconds));
            reloadStart = Stopwatch.GetTimestamp();
            (newSet, perturbed) = ReloadRules.SecondVersion(PolicyFiles.LoadValid(reloadFile));
            replaceStart = Stopwatch.GetTimestamp();
            engine.Replace(newSet);
            replaceEnd = Stopwatch.GetTimestamp();
            Thread.Sleep(TimeSpan.FromSeconds(AfterSeconds));
        }
        finally
        {
            // Also when the new file is refused: the streaming threads must not outlive the measurement.
            Volatile.Write(ref stop, 1);
            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        extra["reload_threads"] = threads;
        extra["reload_rule_count"] = newSet.Rules.Count;
        extra["reload_perturbed_rules"] = perturbed;
        extra["reload_compile_ms"] = Ms(reloadStart, replaceStart);
        extra["reload_swap_ms"] = Ms(replaceStart, replaceEnd);
        extra["reload_total_ms"] = Ms(reloadStart, replaceEnd);

        var settle = streamStart + Ticks(SettleSeconds);
        var windowEnd = replaceEnd + Ticks(TailSeconds);
        var before = new List<long>();
        var during = new List<long>();
        long all = 0, mixed = 0, inconsistent = 0, newAfterSwap = 0;
        var answers = new Answers(oldSet, newSet, events);
        foreach (var sample in samples.SelectMany(s => s.All()))
        {
            all++;
            if (sample.Start >= settle && sample.Start < reloadStart)
            {
                before.Add(sample.Ticks);
            }
            else if (sample.Start >= reloadStart && sample.Start < windowEnd)
            {
                during.Add(sample.Ticks);
            }

            mixed += sample.Versions == (OldName | NewName) ? 1 : 0;
            var end = sample.Start + sample.Ticks;
            var ok = end < replaceStart ? sample.Fingerprint == answers.Old(sample.Index)
                : sample.Start > replaceEnd ? sample.Fingerprint == answers.New(sample.Index)
                : sample.Fingerprint == answers.Old(sample.Index) || sample.Fingerprint == answers.New(sample.Index);
            inconsistent += ok ? 0 : 1;
            newAfterSwap += sample.Start > replaceEnd ? 1 : 0;
        }

        extra["reload_checked_events"] = all;
        extra["reload_window_events"] = during.Count;
        extra["reload_events_after_swap"] = newAfterSwap;
        extra["reload_mixed_events"] = mixed;
        extra["reload_inconsistent_events"] = inconsistent;
        extra["reload_p99_before_ns"] = P99(before);
        extra["reload_p99_during_ns"] = P99(during);
    }

    private static int ParseThreads(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8
            ? n
            : throw new ArgumentException($"--reload-threads must be a whole number from 1 to 8, got '{text}'");

    /// <summary>An order-sensitive fingerprint of the matched names (the process's string hash; the answers are fingerprinted the same way).</summary>
    private static int Fingerprint(List<string> matched)
    {
        var hash = default(HashCode);
        foreach (var name in matched)
        {
            hash.Add(name, StringComparer.Ordinal);
        }

        hash.Add(matched.Count);
        return hash.ToHashCode();
    }

    private static byte Versions(List<string> matched)
    {
        byte versions = 0;
        foreach (var name in matched)
        {
            versions |= name.StartsWith(ReloadRules.Prefix, StringComparison.Ordinal) ? NewName : OldName;
        }

        return versions;
    }

    private static double P99(List<long> ticks)
    {
        var array = ticks.ToArray();
        return LatencySummary.FromTicks(array, array.Length).P99;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>One streamed event: which event, when it started, how long it took, and what it matched.</summary>
    private readonly record struct Sample(int Index, long Start, long Ticks, int Fingerprint, byte Versions);

    /// <summary>The samples of one streaming thread, in chunks allocated before streaming (more only if the estimate was short).</summary>
    private sealed class Samples
    {
        private const int ChunkSize = 1 << 20;
        private readonly List<Sample[]> _chunks = [];
        private int _chunk;
        private int _fill;

        public Samples(long expected)
        {
            for (long allocated = 0; allocated < Math.Max(expected, 1); allocated += ChunkSize)
            {
                _chunks.Add(new Sample[ChunkSize]);
            }
        }

        public void Add(int index, long start, long ticks, int fingerprint, byte versions)
        {
            if (_fill == ChunkSize)
            {
                _chunk++;
                _fill = 0;
                if (_chunk == _chunks.Count)
                {
                    _chunks.Add(new Sample[ChunkSize]);
                }
            }

            _chunks[_chunk][_fill++] = new Sample(index, start, ticks, fingerprint, versions);
        }

        public IEnumerable<Sample> All()
        {
            for (var c = 0; c <= _chunk && c < _chunks.Count; c++)
            {
                var count = c == _chunk ? _fill : ChunkSize;
                for (var i = 0; i < count; i++)
                {
                    yield return _chunks[c][i];
                }
            }
        }
    }

    /// <summary>The old and new sets' answers per event index, computed on demand on engines of their own.</summary>
    private sealed class Answers(PolicySet oldSet, PolicySet newSet, IReadOnlyList<JsonEvent> events)
    {
        private readonly PolicyEngine _old = new(oldSet);
        private readonly PolicyEngine _new = new(newSet);
        private readonly int?[] _oldAnswers = new int?[events.Count];
        private readonly int?[] _newAnswers = new int?[events.Count];
        private readonly List<string> _matched = [];

        public int Old(int index) => _oldAnswers[index] ??= Answer(_old, index);

        public int New(int index) => _newAnswers[index] ??= Answer(_new, index);

        private int Answer(PolicyEngine engine, int index)
        {
            _matched.Clear();
            engine.Match(events[index].Context, _matched);
            return Fingerprint(_matched);
        }
    }
}
