namespace MemoryTriggers.Policies;

/// <summary>What an action does when its rule fires.</summary>
public enum PolicyActionType
{
    /// <summary>Store a new memory.</summary>
    CreateMemory,

    /// <summary>Find memories relevant to the event.</summary>
    RecallMemory,

    /// <summary>Change a memory.</summary>
    UpdateMemory,

    /// <summary>Remove a memory.</summary>
    DeleteMemory,

    /// <summary>Move a memory to the archive.</summary>
    ArchiveMemory,

    /// <summary>Set a memory's quality score.</summary>
    SetQualityScore,

    /// <summary>Add a tag to a memory.</summary>
    AddTag,

    /// <summary>Remove a tag from a memory.</summary>
    RemoveTag,

    /// <summary>Send an alert to the alert channels.</summary>
    TriggerAlert,

    /// <summary>Write a structured log entry.</summary>
    LogEvent,

    /// <summary>Send an HTTP request.</summary>
    ExecuteWebhook,

    /// <summary>Evaluate another rule against the merged context and run it if it matches.</summary>
    ChainPolicy,

    /// <summary>Stop the rule's remaining actions; the rule still counts as succeeded.</summary>
    Abort,

    /// <summary>Skip the rule silently: its remaining actions do not run and it is reported as skipped.</summary>
    Skip,
}
