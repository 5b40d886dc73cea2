using System.Globalization;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks.Instructions;

/// <summary>
/// The <c>--instructions-slice [--events N] [--rules R]</c> mode, the fixed evaluation slice that
/// <c>bench/instructions.sh</c> counts with callgrind: the generated R-rule workload (default 300 rules, the 512
/// seeded events), one engine, a warm-up pass over every event in both forms, then <see cref="PolicyEngine.Match"/>
/// over N events (default 5,000) between the two <see cref="CallgrindMarkers"/>. Event <c>i</c> of the slice is
/// generated event <c>i mod 512</c>, as a dictionary in even passes over the 512 and as a JSON element in odd ones.
/// <c>MEMORYTRIGGERS_SLICE_EXTRA_PERCENT=P</c> (0–100) evaluates P of every 100 events twice: a stand-in for a
/// change that makes the engine P % slower, to test the guard itself.
/// </summary>
internal static class InstructionSlice
{
    /// <summary>The environment variable of the self-test.</summary>
    public const string ExtraPercentVariable = "MEMORYTRIGGERS_SLICE_EXTRA_PERCENT";

    public static int Run(int events, int rules)
    {
        if (events < 0 || rules is < 1 or > 3000)
        {
            Console.Error.WriteLine("--events must be at least 0 and --rules 1 to 3000");
            return 2;
        }

        var extra = Environment.GetEnvironmentVariable(ExtraPercentVariable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        if (extra is < 0 or > 100)
        {
            Console.Error.WriteLine($"{ExtraPercentVariable} must be 0 to 100");
            return 2;
        }

        var workload = PolicyWorkload.Create(rules);
        var engine = new PolicyEngine(workload.Policies);
        Check.Compiled(engine);
        var forms = new[]
        {
            workload.Events.Select(e => new PolicyContext(e)).ToArray(),
            workload.JsonEvents.Select(e => new PolicyContext(e)).ToArray(),
        };
        var matched = new List<string>(64);
        var counts = workload.MatchCounts(engine);

        // Warm-up: every event in both forms (JIT, regex instances, lazily built paths), checked against the counts.
        foreach (var form in forms)
        {
            for (var i = 0; i < form.Length; i++)
            {
                matched.Clear();
                Check.That(engine.Match(form[i], matched) == counts[i], "dictionary and JSON contexts match differently");
            }
        }

        var expected = 0L;
        for (var i = 0; i < events; i++)
        {
            expected += counts[i % counts.Length] * (i % 100 < extra ? 2 : 1);
        }

        // Slice itself is compiled on its first call: make that call here, outside the markers.
        Check.That(Slice(engine, forms, matched, 0, extra) == 0, "an empty slice matched something");
        var markers = CallgrindMarkers.TryCreate();
        markers?.Start();
        var total = Slice(engine, forms, matched, events, extra);
        markers?.Stop();

        Check.That(total == expected, $"the slice matched {total} rules, expected {expected}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"instructions slice: {rules} rules, {events} events, {total} matches, extra {extra} %, markers {(markers is null ? "unavailable" : "getpgrp/getppid")}"));
        return 0;
    }

    private static long Slice(PolicyEngine engine, PolicyContext[][] forms, List<string> matched, int events, int extra)
    {
        var total = 0L;
        var size = forms[0].Length;
        for (var i = 0; i < events; i++)
        {
            var context = forms[i / size % 2][i % size];
            matched.Clear();
            total += engine.Match(context, matched);
            if (i % 100 < extra)
            {
                matched.Clear();
                total += engine.Match(context, matched);
            }
        }

        return total;
    }
}
