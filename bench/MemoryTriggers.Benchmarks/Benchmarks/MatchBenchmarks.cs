using BenchmarkDotNet.Attributes;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// <see cref="PolicyEngine.Match"/>: conditions only, no actions, no state. The per-event benchmarks run all
/// <see cref="PolicyWorkload.EventCount"/> events of the workload in one invocation and report the time and
/// allocation per event; the no-rule benchmarks run the one event that matches nothing.
/// </summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private readonly List<string> _matched = new(64);
    private PolicyEngine _engine = null!;
    private PolicyContext[] _dictionaries = [];
    private PolicyContext[] _jsons = [];
    private PolicyContext _noMatchDictionary;
    private PolicyContext _noMatchJson;

    /// <summary>Gets or sets the number of rules in the set.</summary>
    [Params(30, 300)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = PolicyWorkload.Create(Rules);
        _engine = new PolicyEngine(workload.Policies);
        Check.Compiled(_engine);
        _dictionaries = [.. workload.Events.Select(e => new PolicyContext(e))];
        _jsons = [.. workload.JsonEvents.Select(e => new PolicyContext(e))];
        var counts = workload.MatchCounts(_engine);
        var noMatch = workload.NoMatchEvent(counts);
        _noMatchDictionary = _dictionaries[noMatch];
        _noMatchJson = _jsons[noMatch];

        // Both representations of the same events must give the same matches.
        Check.That(MatchDictionary() == counts.Sum() && MatchJson() == counts.Sum(), "dictionary and JSON contexts match differently");
        Check.That(MatchNoRuleDictionary() == 0 && MatchNoRuleJson() == 0, "the no-rule event matches a rule");
    }

    [Benchmark(OperationsPerInvoke = PolicyWorkload.EventCount)]
    [BenchmarkCategory("Match")]
    public int MatchDictionary()
    {
        var total = 0;
        foreach (var context in _dictionaries)
        {
            _matched.Clear();
            total += _engine.Match(context, _matched);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = PolicyWorkload.EventCount)]
    [BenchmarkCategory("Match")]
    public int MatchJson()
    {
        var total = 0;
        foreach (var context in _jsons)
        {
            _matched.Clear();
            total += _engine.Match(context, _matched);
        }

        return total;
    }

    [Benchmark]
    [BenchmarkCategory("MatchNoRule")]
    public int MatchNoRuleDictionary()
    {
        _matched.Clear();
        return _engine.Match(_noMatchDictionary, _matched);
    }

    [Benchmark]
    [BenchmarkCategory("MatchNoRule")]
    public int MatchNoRuleJson()
    {
        _matched.Clear();
        return _engine.Match(_noMatchJson, _matched);
    }
}
