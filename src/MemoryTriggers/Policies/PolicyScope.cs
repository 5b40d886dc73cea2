namespace MemoryTriggers.Policies;

/// <summary>The part of the system a rule is about; callers may evaluate only the rules of one scope.</summary>
public enum PolicyScope
{
    /// <summary>Every event.</summary>
    Global,

    /// <summary>Agent events.</summary>
    Agent,

    /// <summary>Workflow events.</summary>
    Workflow,

    /// <summary>Task events.</summary>
    Task,

    /// <summary>Events about one user.</summary>
    User,

    /// <summary>Events of one session.</summary>
    Session,
}
