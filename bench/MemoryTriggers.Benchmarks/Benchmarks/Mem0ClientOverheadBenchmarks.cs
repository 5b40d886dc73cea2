using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Mem0;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// The cost the mem0 client adds to a call: a raw <see cref="HttpClient"/> request (the baseline: key header, the same
/// JSON body the client sent, the answer read as text) against <see cref="Mem0Client"/> and
/// <see cref="Mem0MemoryStore"/> (no deduplication) for add, search and get, on one shared HttpClient, against a
/// loopback stand-in that answers at once with canned mem0 JSON. Overhead = client mean − raw mean of a category.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class Mem0ClientOverheadBenchmarks
{
    private Mem0Fixture _fixture = null!;

    [GlobalSetup]
    public void Setup() => _fixture = Mem0Fixture.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true), BenchmarkCategory("Add")]
    public Task<string> RawAdd() => _fixture.RawAddAsync();

    [Benchmark, BenchmarkCategory("Add")]
    public Task<IReadOnlyList<Mem0AddResult>> ClientAdd() => _fixture.ClientAddAsync();

    [Benchmark, BenchmarkCategory("Add")]
    public Task<MemoryCreateResult> StoreCreate() => _fixture.StoreCreateAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("Search")]
    public Task<string> RawSearch() => _fixture.RawSearchAsync();

    [Benchmark, BenchmarkCategory("Search")]
    public Task<IReadOnlyList<Mem0Memory>> ClientSearch() => _fixture.ClientSearchAsync();

    [Benchmark, BenchmarkCategory("Search")]
    public Task<IReadOnlyList<MemoryRecord>> StoreRecall() => _fixture.StoreRecallAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("Get")]
    public Task<string> RawGet() => _fixture.RawGetAsync();

    [Benchmark, BenchmarkCategory("Get")]
    public Task<Mem0Memory?> ClientGet() => _fixture.ClientGetAsync();

    [Benchmark, BenchmarkCategory("Get")]
    public Task<MemoryRecord?> StoreGet() => _fixture.StoreGetAsync();
}
