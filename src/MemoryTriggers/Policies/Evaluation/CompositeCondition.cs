namespace MemoryTriggers.Policies;

/// <summary>
/// <c>composite_and</c> and <c>composite_or</c>, short-circuiting: in written order when explaining, cheapest
/// first otherwise (<see cref="CheapestFirst"/>).
/// </summary>
internal sealed class CompositeCondition(PolicyCondition source, string path, CompiledCondition[] children) : CompiledCondition(source, path)
{
    private readonly bool _all = source.Type == PolicyConditionType.CompositeAnd;
    private readonly CompiledCondition[] _untraced = CheapestFirst(children);

    public CompiledCondition[] Children { get; } = children;

    /// <inheritdoc/>
    public override int Cost { get; } = children.Sum(c => c.Cost);

    /// <inheritdoc/>
    public override bool KeepsPlace { get; } = children.Any(c => c.KeepsPlace);

    /// <summary>
    /// Orders conditions for a test without an explanation: cheapest first, ties in written order. An AND or OR
    /// has the same answer in any order, since tests have no effects; with a condition that must keep its place
    /// (<see cref="CompiledCondition.KeepsPlace"/>) the written order is kept.
    /// </summary>
    public static CompiledCondition[] CheapestFirst(CompiledCondition[] conditions) =>
        conditions.Length < 2 || conditions.Any(c => c.KeepsPlace) ? conditions : [.. conditions.OrderBy(c => c.Cost)];

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

    protected override bool Test(ref EvalScope scope)
    {
        var conditions = scope.Trace is null ? _untraced : Children;
        return _all ? All(conditions, ref scope) : Any(conditions, ref scope);
    }
}
