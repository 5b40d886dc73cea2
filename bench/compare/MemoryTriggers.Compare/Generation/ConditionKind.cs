namespace MemoryTriggers.Compare.Generation;

/// <summary>The kinds of condition the rule generator draws, with the shares of PROTOCOL.md's mix.</summary>
internal enum ConditionKind
{
    /// <summary>String equality (20 %; with <see cref="NotEquals"/> the 30 % of string eq/ne).</summary>
    Equals,

    /// <summary>String inequality (10 %).</summary>
    NotEquals,

    /// <summary>Numeric greater-than (9 %; with less-than and between the 25 % of numeric comparisons).</summary>
    GreaterThan,

    /// <summary>Numeric less-than (8 %).</summary>
    LessThan,

    /// <summary>Numeric range (8 %).</summary>
    Between,

    /// <summary>List membership, 5-20 values (15 %).</summary>
    InList,

    /// <summary>Substring (15 %).</summary>
    Contains,

    /// <summary>Regular expression (5 %).</summary>
    Regex,

    /// <summary>Nested any/all (10 %).</summary>
    Group,
}
