namespace MemoryTriggers.Compare.Canonical;

/// <summary>One condition of the canonical rule model: a leaf on a dotted path, or an <c>all</c>/<c>any</c> group.</summary>
internal sealed class CanonicalCondition
{
    private CanonicalCondition(CanonicalOp op)
    {
        Op = op;
    }

    /// <summary>Gets the operator.</summary>
    public CanonicalOp Op { get; }

    /// <summary>Gets the dotted path of a leaf (null for <c>all</c>/<c>any</c>).</summary>
    public string? Path
    {
        get;
        private init
        {
            field = value;
            PathId = value is null ? -1 : PathIds.Of(value);
        }
    }

    /// <summary>Gets the <see cref="PathIds"/> number of <see cref="Path"/> (-1 for a group).</summary>
    public int PathId { get; private init; } = -1;

    /// <summary>Gets the string operand of <c>eq</c>, <c>ne</c> and <c>contains</c>.</summary>
    public string? Text { get; private init; }

    /// <summary>Gets the numeric operand of <c>gt</c> and <c>lt</c>.</summary>
    public double Number { get; private init; }

    /// <summary>Gets the inclusive lower bound of <c>between</c>.</summary>
    public double Min { get; private init; }

    /// <summary>Gets the inclusive upper bound of <c>between</c>.</summary>
    public double Max { get; private init; }

    /// <summary>Gets the values of <c>in</c>.</summary>
    public IReadOnlyList<string> Values { get; private init; } = [];

    /// <summary>Gets the pattern of <c>regex</c>.</summary>
    public string? Pattern { get; private init; }

    /// <summary>Gets the sub-conditions of <c>all</c>/<c>any</c>.</summary>
    public IReadOnlyList<CanonicalCondition> Conditions { get; private init; } = [];

    /// <summary>Gets whether this is a leaf (has a path).</summary>
    public bool IsLeaf => Op is not (CanonicalOp.All or CanonicalOp.Any);

    /// <summary>Creates an <c>eq</c>, <c>ne</c> or <c>contains</c> leaf.</summary>
    public static CanonicalCondition String(CanonicalOp op, string path, string value) =>
        op is CanonicalOp.Eq or CanonicalOp.Ne or CanonicalOp.Contains
            ? new(op) { Path = path, Text = value }
            : throw new ArgumentException($"{op} does not take a string value", nameof(op));

    /// <summary>Creates a <c>gt</c> or <c>lt</c> leaf.</summary>
    public static CanonicalCondition Compare(CanonicalOp op, string path, double value) =>
        op is CanonicalOp.Gt or CanonicalOp.Lt
            ? new(op) { Path = path, Number = value }
            : throw new ArgumentException($"{op} is not a comparison", nameof(op));

    /// <summary>Creates a <c>between</c> leaf.</summary>
    public static CanonicalCondition Range(string path, double min, double max) =>
        new(CanonicalOp.Between) { Path = path, Min = min, Max = max };

    /// <summary>Creates an <c>in</c> leaf.</summary>
    public static CanonicalCondition InList(string path, IReadOnlyList<string> values) =>
        new(CanonicalOp.In) { Path = path, Values = values };

    /// <summary>Creates a <c>regex</c> leaf.</summary>
    public static CanonicalCondition Match(string path, string pattern) =>
        new(CanonicalOp.Regex) { Path = path, Pattern = pattern };

    /// <summary>Creates an <c>all</c> or <c>any</c> group.</summary>
    public static CanonicalCondition Group(CanonicalOp op, IReadOnlyList<CanonicalCondition> conditions) =>
        op is CanonicalOp.All or CanonicalOp.Any
            ? new(op) { Conditions = conditions }
            : throw new ArgumentException($"{op} is not a group", nameof(op));

    /// <summary>Gets the JSON name of <paramref name="op"/>.</summary>
    public static string Name(CanonicalOp op) => op switch
    {
        CanonicalOp.Eq => "eq",
        CanonicalOp.Ne => "ne",
        CanonicalOp.Gt => "gt",
        CanonicalOp.Lt => "lt",
        CanonicalOp.Between => "between",
        CanonicalOp.In => "in",
        CanonicalOp.Contains => "contains",
        CanonicalOp.Regex => "regex",
        CanonicalOp.All => "all",
        CanonicalOp.Any => "any",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Returns the nesting depth: 0 for a leaf, 1 for a group of leaves, and so on.</summary>
    public int Depth() => IsLeaf ? 0 : 1 + Conditions.Max(c => c.Depth());

    /// <summary>Returns this condition and every condition nested in it, depth first.</summary>
    public IEnumerable<CanonicalCondition> Flatten()
    {
        yield return this;
        foreach (var inner in Conditions.SelectMany(c => c.Flatten()))
        {
            yield return inner;
        }
    }
}
