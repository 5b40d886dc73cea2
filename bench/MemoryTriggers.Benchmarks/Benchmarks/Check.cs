using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks;

/// <summary>Sanity checks run in [GlobalSetup]: a benchmark of a broken workload must fail, not report a number.</summary>
internal static class Check
{
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark setup check failed: " + message);
        }
    }

    public static void Compiled(PolicyEngine engine) =>
        That(engine.CompilationIssues.Count == 0, "the generated rules do not compile: " + string.Join("; ", engine.CompilationIssues.Take(3).Select(i => i.ToString())));
}
