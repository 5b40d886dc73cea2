namespace MemoryTriggers.Policies;

/// <summary>
/// What every rule of one decision shares while it runs, chained rules included: the compiled set it runs against,
/// how to evaluate, the decision's id and time, the results so far, and its cancellation.
/// </summary>
/// <param name="Set">The compiled set the decision runs against (one version throughout).</param>
/// <param name="Options">How to evaluate.</param>
/// <param name="DecisionId">The decision's id.</param>
/// <param name="Now">The decision's time.</param>
/// <param name="Results">The results so far; chained rules add theirs while their parent runs.</param>
/// <param name="CancellationToken">Cancels running actions.</param>
internal readonly record struct DecisionRun(
    CompiledPolicySet Set,
    EvaluationOptions Options,
    string DecisionId,
    DateTimeOffset Now,
    List<RuleResult> Results,
    CancellationToken CancellationToken);
