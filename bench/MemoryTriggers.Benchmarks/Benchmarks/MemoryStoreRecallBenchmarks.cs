using BenchmarkDotNet.Attributes;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// <see cref="Memory.Sqlite.SqliteMemoryStore.RecallAsync"/> over 100,000 memories of the workload (real file in a temp
/// directory, filled in GlobalSetup with batches of 5,000). Each invocation runs the next 100 of 5,000 distinct queries
/// of one class and is reported per recall: <c>Mixed</c> is the workload mix (1–3 words, half filtered); the others
/// take only the queries with 1 word, 3 words, or a filter. These are means; the 99th percentile comes from
/// <c>--latency recall</c>.
/// </summary>
[MemoryDiagnoser]
public class MemoryStoreRecallBenchmarks
{
    public const int Memories = 100_000;
    private const int PerInvocation = 100;
    private TempSqliteStore _temp = null!;
    private MemoryQuery[] _queries = [];
    private int _next;

    /// <summary>Gets or sets which queries run.</summary>
    [Params("Mixed", "OneWord", "ThreeWords", "Filtered")]
    public string Queries { get; set; } = "Mixed";

    [GlobalSetup]
    public void Setup()
    {
        (_temp, _) = TempSqliteStore.OpenFilledAsync(new MemoryWorkload(), Memories).GetAwaiter().GetResult();
        _queries = [.. MemoryWorkload.Queries(5_000)
            .Where(q => Queries switch
            {
                "OneWord" => q.Words == 1,
                "ThreeWords" => q.Words == 3,
                "Filtered" => q.Filter != "none",
                _ => true,
            })
            .Select(q => q.Query)];
        Check.That(_queries.Length >= 1_000, $"only {_queries.Length} queries of class {Queries}");
        var found = _queries.Take(200).Sum(q => _temp.Store.RecallAsync(q).GetAwaiter().GetResult().Count);
        Check.That(found > 0, "200 queries recalled nothing");
    }

    [GlobalCleanup]
    public void Cleanup() => _temp.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public async Task<int> Recall()
    {
        var found = 0;
        for (var i = 0; i < PerInvocation; i++)
        {
            found += (await _temp.Store.RecallAsync(_queries[_next]).ConfigureAwait(false)).Count;
            _next = (_next + 1) % _queries.Length;
        }

        return found;
    }
}
