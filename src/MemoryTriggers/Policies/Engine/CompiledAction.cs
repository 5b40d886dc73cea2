using MemoryTriggers.Internal;
using MemoryTriggers.Policies.Templates;

namespace MemoryTriggers.Policies;

/// <summary>An action with its parameters compiled to templates and its condition compiled.</summary>
internal sealed class CompiledAction(PolicyAction action, ParameterTemplate parameters, CompiledCondition? condition)
{
    public PolicyAction Action { get; } = action;

    public string TypeName { get; } = Names.ToSnakeCase(action.Type.ToString());

    public ParameterTemplate Parameters { get; } = parameters;

    public CompiledCondition? Condition { get; } = condition;
}
