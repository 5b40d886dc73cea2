namespace MemoryTriggers.Configuration.Documents;

/// <summary>One key and its value in a <see cref="ConfigMapping"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="KeyLocation">Where the key is written.</param>
/// <param name="Value">The value.</param>
public sealed record ConfigEntry(string Key, SourceLocation KeyLocation, ConfigNode Value);
