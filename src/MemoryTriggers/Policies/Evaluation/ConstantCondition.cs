namespace MemoryTriggers.Policies;

/// <summary><c>always</c> and <c>never</c>.</summary>
internal sealed class ConstantCondition(PolicyCondition source, string path) : CompiledCondition(source, path)
{
    private readonly bool _value = source.Type == PolicyConditionType.Always;

    protected override bool Test(ref EvalScope scope) => _value;
}
