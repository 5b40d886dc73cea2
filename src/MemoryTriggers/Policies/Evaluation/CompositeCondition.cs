namespace MemoryTriggers.Policies;

/// <summary><c>composite_and</c> and <c>composite_or</c>, short-circuiting in order.</summary>
internal sealed class CompositeCondition(PolicyCondition source, string path, CompiledCondition[] children) : CompiledCondition(source, path)
{
    private readonly bool _all = source.Type == PolicyConditionType.CompositeAnd;

    public CompiledCondition[] Children { get; } = children;

    public static bool All(CompiledCondition[] conditions, ref EvalScope scope)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Evaluate(ref scope))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Any(CompiledCondition[] conditions, ref EvalScope scope)
    {
        foreach (var condition in conditions)
        {
            if (condition.Evaluate(ref scope))
            {
                return true;
            }
        }

        return false;
    }

    protected override bool Test(ref EvalScope scope) => _all ? All(Children, ref scope) : Any(Children, ref scope);
}
