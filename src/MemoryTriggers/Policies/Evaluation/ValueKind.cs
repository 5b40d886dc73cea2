namespace MemoryTriggers.Policies;

/// <summary>The JSON-like kind of a context value.</summary>
internal enum ValueKind
{
    /// <summary>The path does not resolve.</summary>
    Missing,

    /// <summary>The value is null.</summary>
    Null,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A list.</summary>
    Array,

    /// <summary>A map.</summary>
    Object,
}
