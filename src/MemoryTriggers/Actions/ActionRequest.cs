using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions;

/// <summary>One action to perform, with its parameters already rendered from templates.</summary>
public sealed record ActionRequest
{
    /// <summary>Gets the action's type.</summary>
    public required PolicyActionType Type { get; init; }

    /// <summary>Gets the rule that fired.</summary>
    public required string RuleName { get; init; }

    /// <summary>Gets the id of the decision this action belongs to.</summary>
    public required string DecisionId { get; init; }

    /// <summary>Gets the rendered parameters: strings, numbers, booleans, null, lists and maps.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }

    /// <summary>Gets the context the rule was evaluated against.</summary>
    public PolicyContext Context { get; init; }

    /// <summary>Gets the seconds one attempt may take, if limited.</summary>
    public double? Timeout { get; init; }
}
