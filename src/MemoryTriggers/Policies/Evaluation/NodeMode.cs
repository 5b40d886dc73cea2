namespace MemoryTriggers.Policies;

/// <summary>How a <see cref="PathCache"/> reads the members of one JSON object in one evaluation.</summary>
internal enum NodeMode : byte
{
    /// <summary>Each member looked up when first read.</summary>
    MemberByMember,

    /// <summary>Member by member, counting the members read (see <see cref="FieldPathChildren.Observe"/>).</summary>
    Measuring,

    /// <summary>In one pass, at the first member read.</summary>
    OnePassPending,

    /// <summary>Read in one pass already.</summary>
    ReadInOnePass,
}
