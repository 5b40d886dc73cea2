namespace MemoryTriggers.Validation;

/// <summary>How serious a validation issue is.</summary>
public enum IssueSeverity
{
    /// <summary>Worth knowing; never blocks.</summary>
    Info,

    /// <summary>Probably a mistake; blocks only in strict mode.</summary>
    Warning,

    /// <summary>The configuration cannot be used.</summary>
    Error,
}
