using BenchmarkDotNet.Attributes;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// <see cref="PolicyEngine.ExecuteRulesAsync"/> on an event that fires exactly one rule, as a dry run (actions are
/// rendered and planned, no executor runs, the state store is consulted without committing), without and with
/// Explain (which traces every condition of every rule, bypassing the event_type index).
/// </summary>
[MemoryDiagnoser]
public class ExecuteBenchmarks
{
    private static readonly EvaluationOptions s_dryRun = new() { DryRun = true };
    private static readonly EvaluationOptions s_dryRunExplain = new() { DryRun = true, Explain = true };
    private PolicyEngine _engine = null!;
    private PolicyContext _event;

    /// <summary>Gets or sets the number of rules in the set.</summary>
    [Params(30, 300)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = PolicyWorkload.Create(Rules);
        _engine = new PolicyEngine(workload.Policies);
        Check.Compiled(_engine);
        var index = workload.SingleMatchEvent(workload.MatchCounts(_engine));
        Check.That(index >= 0, "no event matches exactly one rule");
        _event = workload.Events[index];

        var decision = ExecuteDryRun().AsTask().GetAwaiter().GetResult();
        Check.That(decision.FiredRules.Count() == 1, $"the event fired {decision.FiredRules.Count()} rules, expected 1");
        Check.That(decision.Results.Single().Actions.Single().Status == ActionStatus.Planned, "the action was not planned");
        var explained = ExecuteDryRunExplain().AsTask().GetAwaiter().GetResult();
        Check.That(explained.FiredRules.Count() == 1 && explained.Results.Single().Conditions is { Count: > 0 }, "Explain gave no trace");
    }

    [Benchmark]
    public ValueTask<PolicyDecision> ExecuteDryRun() => _engine.ExecuteRulesAsync(_event, s_dryRun);

    [Benchmark]
    public ValueTask<PolicyDecision> ExecuteDryRunExplain() => _engine.ExecuteRulesAsync(_event, s_dryRunExplain);
}
