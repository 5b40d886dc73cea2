namespace MemoryTriggers.Configuration;

/// <summary>How <see cref="ConfigWriter"/> writes a configuration.</summary>
public sealed record ConfigWriterOptions
{
    /// <summary>Gets a value indicating whether only values that differ from the model defaults are written (the environment always is).</summary>
    public bool Minimal { get; init; }

    /// <summary>Gets a value indicating whether values that look like secrets are replaced by <c>***</c>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Redact { get; init; } = true;

    /// <summary>Gets a value indicating whether each field's description is written as a comment above it (YAML only).</summary>
    public bool Comments { get; init; }

    /// <summary>Gets a function that tells where the value at a dotted path came from, written beside it (YAML) or in an <c>origins</c> map (JSON).</summary>
    public Func<string, string>? Origin { get; init; }
}
