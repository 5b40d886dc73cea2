using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation;

/// <summary>How well a configuration is tuned for throughput and reliability, from 0.0 to 1.0, with the factors that made it.</summary>
/// <param name="Value">The score: the product of the factors' multipliers, rounded to three places.</param>
/// <param name="Factors">Every factor, including those that cost nothing.</param>
public sealed record PerformanceScore(double Value, ValueList<ScoreFactor> Factors);
