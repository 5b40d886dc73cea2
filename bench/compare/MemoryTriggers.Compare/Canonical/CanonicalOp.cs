namespace MemoryTriggers.Compare.Canonical;

/// <summary>The operators of the canonical rule model (PROTOCOL.md); the JSON name is in the comment.</summary>
internal enum CanonicalOp
{
    /// <summary><c>eq</c>: a string equal (ordinal) to the value.</summary>
    Eq,

    /// <summary><c>ne</c>: a string not equal to the value.</summary>
    Ne,

    /// <summary><c>gt</c>: a number greater than the value.</summary>
    Gt,

    /// <summary><c>lt</c>: a number less than the value.</summary>
    Lt,

    /// <summary><c>between</c>: a number within [min, max].</summary>
    Between,

    /// <summary><c>in</c>: a string equal to one of the values.</summary>
    In,

    /// <summary><c>contains</c>: a string containing the value (ordinal).</summary>
    Contains,

    /// <summary><c>regex</c>: a string in which the pattern finds a match.</summary>
    Regex,

    /// <summary><c>all</c>: every sub-condition holds.</summary>
    All,

    /// <summary><c>any</c>: at least one sub-condition holds.</summary>
    Any,
}
