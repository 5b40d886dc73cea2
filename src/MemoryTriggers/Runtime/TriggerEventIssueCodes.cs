namespace MemoryTriggers.Runtime;

/// <summary>The stable codes of problems <see cref="TriggerEventReader"/> reports.</summary>
public static class TriggerEventIssueCodes
{
    /// <summary>A line or document is not valid JSON.</summary>
    public const string InvalidJson = "EVT-JSON";

    /// <summary>An event is not a JSON object.</summary>
    public const string NotAnObject = "EVT-NOT-OBJECT";

    /// <summary>A required field is missing.</summary>
    public const string FieldRequired = "EVT-FIELD-REQUIRED";

    /// <summary>A field has the wrong JSON type or an unreadable value.</summary>
    public const string FieldType = "EVT-FIELD-TYPE";

    /// <summary>A score is outside [0, 1].</summary>
    public const string FieldRange = "EVT-FIELD-RANGE";

    /// <summary>A top-level field the event format does not have (event data goes under <c>payload</c>).</summary>
    public const string FieldUnknown = "EVT-FIELD-UNKNOWN";

    /// <summary>A trigger type that is not one of the <see cref="Configuration.MemoryTriggerType"/> values.</summary>
    public const string TriggerType = "EVT-TRIGGER-TYPE";

    /// <summary>A string or name in the event is not valid Unicode (for example an unpaired surrogate escape such as <c>\ud800</c>).</summary>
    public const string InvalidText = "EVT-TEXT";
}
