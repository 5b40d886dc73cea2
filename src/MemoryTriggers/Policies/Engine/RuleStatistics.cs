namespace MemoryTriggers.Policies;

/// <summary>Counters of one rule since the engine started (they survive rule-set replacement by name).</summary>
/// <param name="Evaluations">Times the rule's conditions were evaluated.</param>
/// <param name="Matches">Times they held.</param>
/// <param name="Firings">Times the rule fired.</param>
/// <param name="Failures">Firings in which an action failed.</param>
/// <param name="TotalTime">Time spent in the rule, actions included.</param>
public sealed record RuleStatistics(long Evaluations, long Matches, long Firings, long Failures, TimeSpan TotalTime);
