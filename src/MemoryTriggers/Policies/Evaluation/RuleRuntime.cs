using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Policies;

/// <summary>What a compiled rule's conditions need at evaluation time: its name and the engine's clock, randomness, state and statistics.</summary>
internal sealed class RuleRuntime(string name, TimeProvider time, Func<double> random, IPolicyStateStore state, RuleCounters counters)
{
    public string Name { get; } = name;

    public TimeProvider Time { get; } = time;

    public Func<double> Random { get; } = random;

    public IPolicyStateStore State { get; } = state;

    /// <summary>Gets the rule's statistics, looked up once at compile time rather than per event.</summary>
    public RuleCounters Counters { get; } = counters;
}
