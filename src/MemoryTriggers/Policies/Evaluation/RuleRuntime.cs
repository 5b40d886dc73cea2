using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Policies;

/// <summary>What a compiled rule's conditions need at evaluation time: its name and the engine's clock, randomness and state.</summary>
internal sealed class RuleRuntime(string name, TimeProvider time, Func<double> random, IPolicyStateStore state)
{
    public string Name { get; } = name;

    public TimeProvider Time { get; } = time;

    public Func<double> Random { get; } = random;

    public IPolicyStateStore State { get; } = state;
}
