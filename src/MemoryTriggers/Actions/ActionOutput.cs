namespace MemoryTriggers.Actions;

/// <summary>What an action produced, readable by later actions of the same rule as <c>${actions.TYPE.KEY}</c>.</summary>
/// <param name="Values">The outputs, for example <c>memory_id</c>.</param>
public sealed record ActionOutput(IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>Gets an output with no values.</summary>
    public static ActionOutput Empty { get; } = new(new Dictionary<string, object?>());

    /// <summary>Creates an output from pairs.</summary>
    /// <param name="values">The pairs.</param>
    /// <returns>The output.</returns>
    public static ActionOutput Of(params (string Key, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
}
