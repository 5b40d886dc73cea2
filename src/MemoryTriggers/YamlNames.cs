using MemoryTriggers.Internal;

namespace MemoryTriggers;

/// <summary>The names enum values have in YAML and JSON: <c>CreateMemory</c> is <c>create_memory</c>.</summary>
public static class YamlNames
{
    /// <summary>Returns the YAML name of an enum value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Names.ToSnakeCase(value.ToString());
    }

    /// <summary>Returns the candidate closest to <paramref name="value"/> when it is close enough to be a likely typo, for "did you mean" hints.</summary>
    /// <param name="value">What was written.</param>
    /// <param name="candidates">The valid names.</param>
    /// <returns>The suggestion, or null.</returns>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(candidates);
        return Names.Closest(value, candidates);
    }
}
