namespace MemoryTriggers.Policies.Testing;

/// <summary>The outcome of one test case.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Failures">What did not hold; empty when the case passed.</param>
/// <param name="Decision">The engine's decision for the case.</param>
public sealed record PolicyTestCaseResult(string Name, IReadOnlyList<string> Failures, PolicyDecision Decision)
{
    /// <summary>Gets a value indicating whether the case passed.</summary>
    public bool Passed => Failures.Count == 0;
}
