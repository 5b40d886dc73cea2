namespace MemoryTriggers.Policies;

/// <summary>How a rule's top-level conditions combine.</summary>
public enum ConditionOperator
{
    /// <summary>All conditions must be true.</summary>
    And,

    /// <summary>At least one condition must be true.</summary>
    Or,
}
