using System.Diagnostics;
using System.Globalization;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Memory;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Benchmarks.Latency;

/// <summary>
/// The <c>--latency recall</c> and <c>--latency create</c> modes: timed with a Stopwatch per call in this process
/// (BenchmarkDotNet reports per-iteration means, not the distribution of single calls).
/// </summary>
internal static class MemoryStoreLatency
{
    /// <summary>
    /// Fills a store with <paramref name="memories"/> memories, runs 2,000 warm-up recalls, then <paramref name="count"/>
    /// recalls (distinct workload queries, cycled), each timed; prints the distribution overall, per number of words, per
    /// filter and the slowest queries with how many memories their words match.
    /// </summary>
    public static async Task<int> RecallAsync(int memories, int count)
    {
        var (temp, fill) = await TempSqliteStore.OpenFilledAsync(new MemoryWorkload(), memories);
        await using var _ = temp;
        Console.WriteLine(Invariant($"recall latency: {memories:N0} memories filled in {fill.TotalSeconds:F1} s ({memories / fill.TotalSeconds:N0}/s, batch {TempSqliteStore.FillBatchSize}); file {new FileInfo(temp.Path).Length / 1048576.0:F1} MB + WAL"));
        var queries = MemoryWorkload.Queries(Math.Min(count, 20_000));
        var store = temp.Store;
        var emptyResults = 0;
        for (var i = 0; i < 2_000; i++)
        {
            await store.RecallAsync(queries[i % queries.Length].Query);
        }

        var samples = new long[count];
        var results = new int[count];
        for (var i = 0; i < count; i++)
        {
            var query = queries[i % queries.Length].Query;
            var start = Stopwatch.GetTimestamp();
            var found = await store.RecallAsync(query);
            samples[i] = Stopwatch.GetTimestamp() - start;
            results[i] = found.Count;
            emptyResults += found.Count == 0 ? 1 : 0;
        }

        Console.WriteLine(Invariant($"{count:N0} recalls after 2,000 warm-ups, limit 10; {emptyResults:N0} returned nothing, mean results {results.Average():F2}"));
        Console.WriteLine("  all           " + Percentiles.Line(samples, "ms"));
        foreach (var group in Enumerable.Range(0, count).GroupBy(i => queries[i % queries.Length].Words).OrderBy(g => g.Key))
        {
            Console.WriteLine(Invariant($"  {group.Key} word(s)    ") + Percentiles.Line(group.Select(i => samples[i]), "ms"));
        }

        foreach (var group in Enumerable.Range(0, count).GroupBy(i => queries[i % queries.Length].Filter).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {group.Key,-12}  " + Percentiles.Line(group.Select(i => samples[i]), "ms"));
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var matchCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        long Matches(string text)
        {
            if (!matchCounts.TryGetValue(text, out var n))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH $q";
                command.Parameters.AddWithValue("$q", string.Join(" OR ", text.Split(' ').Select(w => "\"" + w + "\"*")));
                matchCounts[text] = n = (long)command.ExecuteScalar()!;
            }

            return n;
        }

        // How the time depends on how many memories the query words match (before filters).
        var buckets = new[] { 1_000L, 5_000, 20_000, 50_000, long.MaxValue };
        var byMatches = Enumerable.Range(0, Math.Min(count, queries.Length))
            .GroupBy(i => Array.FindIndex(buckets, b => Matches(queries[i].Query.Text!) < b))
            .OrderBy(g => g.Key);
        Console.WriteLine("by memories the words match (first pass over the distinct queries):");
        foreach (var group in byMatches)
        {
            var label = group.Key == 0 ? "< 1,000" : group.Key == buckets.Length - 1 ? ">= 50,000" : Invariant($"< {buckets[group.Key]:N0}");
            Console.WriteLine($"  {label,-12}  " + Percentiles.Line(group.Select(i => samples[i]), "ms"));
        }

        Console.WriteLine("slowest 10 calls:");
        foreach (var i in Enumerable.Range(0, count).OrderByDescending(i => samples[i]).Take(10))
        {
            var q = queries[i % queries.Length];
            Console.WriteLine(Invariant($"  {Percentiles.Micros(samples[i]) / 1000,8:F3} ms  \"{q.Query.Text}\" filter {q.Filter}, words match {Matches(q.Query.Text!):N0} memories, {results[i]} results"));
        }

        return 0;
    }

    /// <summary>Creates <paramref name="count"/> memories into a fresh store per batch size (and one by one with CreateAsync); prints creates per second.</summary>
    public static async Task<int> CreateAsync(int count, int[] batchSizes)
    {
        Console.WriteLine(Invariant($"create throughput: {count:N0} new memories into an empty store per run, default deduplication window"));
        foreach (var batch in batchSizes)
        {
            await using var temp = await TempSqliteStore.OpenAsync(Math.Max(1, batch));
            var workload = new MemoryWorkload();
            var warm = workload.Drafts(500);
            var drafts = workload.Drafts(count);
            await temp.Store.CreateManyAsync(warm);
            var watch = Stopwatch.StartNew();
            if (batch == 0)
            {
                foreach (var draft in drafts)
                {
                    await temp.Store.CreateAsync(draft);
                }
            }
            else
            {
                await temp.Store.CreateManyAsync(drafts);
            }

            watch.Stop();
            var label = batch == 0 ? "CreateAsync one by one" : Invariant($"CreateManyAsync, batch {batch}");
            Console.WriteLine(Invariant($"  {label,-28} {count / watch.Elapsed.TotalSeconds,10:N0} creates/s  ({watch.Elapsed.TotalMicroseconds / count:F1} µs per create)"));
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
