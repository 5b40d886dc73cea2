using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies.Testing;

/// <summary>An action a test case expects: its rule and type, and optionally its status, some rendered parameters and some outputs.</summary>
public sealed record ExpectedAction
{
    /// <summary>Gets the rule the action belongs to.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets the action type, as in YAML (create_memory).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the expected status (succeeded, failed, skipped, planned), if checked.</summary>
    public string? Status { get; init; }

    /// <summary>Gets parameters that must have been rendered to these values (others are not checked).</summary>
    public ValueMap<object?> Parameters { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets outputs that must have these values (others are not checked).</summary>
    public ValueMap<object?> Output { get; init; } = ValueMap<object?>.Empty;
}
