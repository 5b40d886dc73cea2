namespace MemoryTriggers.Compare.Generation;

/// <summary>What kind of value an event field holds, which decides the conditions a rule may put on it.</summary>
internal enum FieldKind
{
    /// <summary>A string from a fixed pool of values (tiers, channels, languages, …).</summary>
    Categorical,

    /// <summary>Free text made of words (the message text).</summary>
    Text,

    /// <summary>Always a JSON number (an integer).</summary>
    Number,
}
