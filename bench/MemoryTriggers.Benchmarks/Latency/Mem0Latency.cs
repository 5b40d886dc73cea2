using System.Diagnostics;
using System.Globalization;
using MemoryTriggers.Benchmarks.Workload;

namespace MemoryTriggers.Benchmarks.Latency;

/// <summary>
/// The <c>--latency mem0</c> mode: per operation (add, search, get), N rounds of a raw HttpClient request, the
/// Mem0Client call and the Mem0MemoryStore call against the canned loopback stand-in, interleaved so that noise hits
/// all three alike; prints each distribution and the overhead (client or store minus raw) at p50, p90 and p99.
/// </summary>
internal static class Mem0Latency
{
    public static async Task<int> RunAsync(int count)
    {
        await using var fixture = await Mem0Fixture.StartAsync();
        Console.WriteLine(Invariant($"mem0 overhead: {count:N0} rounds per operation after 2,000 warm-up rounds; loopback stand-in with canned answers; one shared HttpClient"));
        var operations = new (string Name, Func<Task>[] Calls)[]
        {
            ("add", [fixture.RawAddAsync, fixture.ClientAddAsync, fixture.StoreCreateAsync]),
            ("search", [fixture.RawSearchAsync, fixture.ClientSearchAsync, fixture.StoreRecallAsync]),
            ("get", [fixture.RawGetAsync, fixture.ClientGetAsync, fixture.StoreGetAsync]),
        };
        string[] variants = ["raw HttpClient", "Mem0Client", "Mem0MemoryStore"];
        foreach (var (name, calls) in operations)
        {
            for (var i = 0; i < 2_000; i++)
            {
                foreach (var call in calls)
                {
                    await call();
                }
            }

            var samples = calls.Select(_ => new long[count]).ToArray();
            for (var i = 0; i < count; i++)
            {
                // Rotate the order so that no variant always runs right after another.
                for (var k = 0; k < calls.Length; k++)
                {
                    var v = (i + k) % calls.Length;
                    var start = Stopwatch.GetTimestamp();
                    await calls[v]();
                    samples[v][i] = Stopwatch.GetTimestamp() - start;
                }
            }

            Console.WriteLine(name + ":");
            var sorted = samples.Select(s => s.Order().ToArray()).ToArray();
            for (var v = 0; v < calls.Length; v++)
            {
                Console.WriteLine($"  {variants[v],-16} " + Percentiles.Line(samples[v], "µs"));
            }

            for (var v = 1; v < calls.Length; v++)
            {
                string Diff(double level) => (Percentiles.Micros(Percentiles.At(sorted[v], level)) - Percentiles.Micros(Percentiles.At(sorted[0], level))).ToString("F1", CultureInfo.InvariantCulture);
                var paired = Enumerable.Range(0, count).Select(i => samples[v][i] - samples[0][i]).Order().ToArray();
                string Paired(double level) => Percentiles.Micros(Percentiles.At(paired, level)).ToString("F1", CultureInfo.InvariantCulture);
                Console.WriteLine($"  overhead of {variants[v],-16} p50 {Diff(0.50)} µs, p90 {Diff(0.90)} µs, p99 {Diff(0.99)} µs (difference of percentiles); paired per round: median {Paired(0.50)} µs");
            }
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
