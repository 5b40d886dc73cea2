using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Configuration;

/// <summary>How a configuration is loaded and validated.</summary>
public sealed record LoadOptions
{
    /// <summary>Gets the default options: not strict, the process environment, the generated schema.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Gets a value indicating whether unknown keys are errors instead of warnings.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Gets the environment variables to apply as overrides. <see langword="null"/> reads the process
    /// environment; pass an empty dictionary for none (tests always pass one).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Gets the schema validator; <see langword="null"/> uses the generated schema.</summary>
    public ConfigurationSchemaValidator? Schema { get; init; }
}
