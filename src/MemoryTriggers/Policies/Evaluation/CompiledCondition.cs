using MemoryTriggers.Internal;

namespace MemoryTriggers.Policies;

/// <summary>A condition compiled once: paths split, values parsed, regexes built. Evaluation applies <c>negate</c> and records a trace only when asked.</summary>
internal abstract class CompiledCondition
{
    private readonly bool _negate;

    protected CompiledCondition(PolicyCondition source, string path)
    {
        Source = source;
        Path = path;
        TypeName = Names.ToSnakeCase(source.Type.ToString());
        _negate = source.Negate;
    }

    public PolicyCondition Source { get; }

    public string Path { get; }

    public string TypeName { get; }

    /// <summary>
    /// Gets a rough relative cost of one test (1 for a lookup and a comparison), so that an AND or OR without an
    /// explanation can test its cheap conditions first: the answer is the same in any order.
    /// </summary>
    public virtual int Cost => 1;

    /// <summary>Gets a value indicating whether the condition must be tested in its written place (its test draws randomness or reads limit state).</summary>
    public virtual bool KeepsPlace => false;

    public bool Evaluate(ref EvalScope scope)
    {
        if (scope.Trace is not { } trace)
        {
            return Test(ref scope) != _negate;
        }

        // A composite's line goes before its children's, so the trace reads top-down.
        var index = trace.Count;
        trace.Add(null!);
        var result = Test(ref scope) != Source.Negate;
        var (actual, expected) = Describe(ref scope);
        trace[index] = new ConditionTrace(Path, Source.Negate ? "not " + TypeName : TypeName, Source.Field, actual, expected, result);
        return result;
    }

    protected abstract bool Test(ref EvalScope scope);

    protected virtual (string? Actual, string? Expected) Describe(ref EvalScope scope) => (null, null);
}
