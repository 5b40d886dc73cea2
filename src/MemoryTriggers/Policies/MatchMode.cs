namespace MemoryTriggers.Policies;

/// <summary>Whether every matching rule fires, or only the first in priority order.</summary>
public enum MatchMode
{
    /// <summary>Every matching rule fires (the default).</summary>
    All,

    /// <summary>Only the first matching rule fires; later rules are reported as not reached.</summary>
    First,
}
