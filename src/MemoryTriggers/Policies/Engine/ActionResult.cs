namespace MemoryTriggers.Policies;

/// <summary>The result of one action of a fired rule.</summary>
public sealed record ActionResult
{
    /// <summary>Gets the action's type.</summary>
    public required PolicyActionType Type { get; init; }

    /// <summary>Gets what happened.</summary>
    public required ActionStatus Status { get; init; }

    /// <summary>Gets the rendered parameters, with environment values redacted.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>Gets the action's outputs.</summary>
    public IReadOnlyDictionary<string, object?> Output { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>Gets why the action failed or was skipped.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the number of attempts made.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets how long the action took, retries included.</summary>
    public TimeSpan Duration { get; init; }
}
