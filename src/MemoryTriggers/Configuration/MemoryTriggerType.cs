namespace MemoryTriggers.Configuration;

/// <summary>The kind of event that can trigger a memory operation.</summary>
public enum MemoryTriggerType
{
    /// <summary>A workflow started, finished or failed.</summary>
    Workflow,

    /// <summary>An agent operation.</summary>
    Agent,

    /// <summary>A task finished.</summary>
    Task,

    /// <summary>An error occurred.</summary>
    Error,

    /// <summary>Something succeeded and is worth learning from.</summary>
    Success,

    /// <summary>A recurring pattern was detected.</summary>
    Pattern,

    /// <summary>Context about a session or user.</summary>
    Context,

    /// <summary>A lifecycle event (start, stop, cleanup).</summary>
    Lifecycle,
}
