using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Tests.Actions.Executors;

/// <summary>Builds action requests the way the engine hands them over: rendered plain parameters.</summary>
internal static class Requests
{
    public static ActionRequest For(PolicyActionType type, params (string Key, object? Value)[] parameters) =>
        For(type, new Dictionary<string, object?>(), parameters);

    public static ActionRequest For(PolicyActionType type, Dictionary<string, object?> context, params (string Key, object? Value)[] parameters) => new()
    {
        Type = type,
        RuleName = "test_rule",
        DecisionId = "d-1",
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
        Context = context,
    };

    public static ValueMap<object?> Map(params (string Key, object? Value)[] entries) =>
        ValueMap<object?>.From(entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));

    public static ValueList<object?> List(params object?[] items) => ValueList<object?>.From(items);
}
