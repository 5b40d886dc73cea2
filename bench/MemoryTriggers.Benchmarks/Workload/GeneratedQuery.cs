using MemoryTriggers.Memory;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>A recall query of the workload, with its number of words and the kind of filter it has (for per-class figures).</summary>
internal sealed record GeneratedQuery(MemoryQuery Query, int Words, string Filter);
