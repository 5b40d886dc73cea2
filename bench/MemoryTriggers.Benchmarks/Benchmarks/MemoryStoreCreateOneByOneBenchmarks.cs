using BenchmarkDotNet.Attributes;
using MemoryTriggers.Benchmarks.Workload;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// <see cref="Memory.Sqlite.SqliteMemoryStore.CreateAsync"/> one by one (one transaction per create), for comparison with
/// the batched <see cref="MemoryStoreCreateBenchmarks"/>: 200 new drafts per invocation, reported per create.
/// </summary>
[MemoryDiagnoser]
public class MemoryStoreCreateOneByOneBenchmarks
{
    private const int PerInvocation = 200;
    private TempSqliteStore _temp = null!;
    private MemoryWorkload _workload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _temp = TempSqliteStore.OpenAsync(batchSize: 50).GetAwaiter().GetResult();
        _workload = new MemoryWorkload();
        Check.That(_temp.Store.CreateAsync(_workload.NextDraft()).GetAwaiter().GetResult().Created, "the first draft was not created");
    }

    [GlobalCleanup]
    public void Cleanup() => _temp.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public async Task CreateOneByOne()
    {
        foreach (var draft in _workload.Drafts(PerInvocation))
        {
            await _temp.Store.CreateAsync(draft).ConfigureAwait(false);
        }
    }
}
