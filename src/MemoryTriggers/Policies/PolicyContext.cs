using System.Text.Json;

namespace MemoryTriggers.Policies;

/// <summary>
/// The event data rules are evaluated against: a JSON-like dictionary or a <see cref="JsonElement"/>,
/// used as is, without conversion. A context may carry an overlay whose top-level entries win
/// (chain_policy merges its <c>context</c> parameter this way).
/// </summary>
public readonly struct PolicyContext
{
    internal readonly IReadOnlyDictionary<string, object?>? Values;
    internal readonly JsonElement Json;
    internal readonly IReadOnlyDictionary<string, object?>? Overlay;

    /// <summary>Initializes a new instance of the <see cref="PolicyContext"/> struct over a dictionary.</summary>
    /// <param name="values">The values; nested values may be dictionaries, lists, JsonElements, strings, numbers, booleans or null.</param>
    public PolicyContext(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyContext"/> struct over a JSON object.</summary>
    /// <param name="json">The JSON object.</param>
    public PolicyContext(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A policy context must be a JSON object.", nameof(json));
        }

        Json = json;
    }

    private PolicyContext(PolicyContext inner, IReadOnlyDictionary<string, object?> overlay)
    {
        Values = inner.Values;
        Json = inner.Json;
        Overlay = inner.Overlay is null ? overlay : Merge(inner.Overlay, overlay);
    }

    internal bool IsJson => Values is null;

    /// <summary>Converts a dictionary to a context.</summary>
    /// <param name="values">The values.</param>
    public static implicit operator PolicyContext(Dictionary<string, object?> values) => new(values);

    /// <summary>Converts a JSON object to a context.</summary>
    /// <param name="json">The JSON object.</param>
    public static implicit operator PolicyContext(JsonElement json) => new(json);

    /// <summary>Returns a context whose top-level entries are <paramref name="overlay"/>'s, then this context's.</summary>
    /// <param name="overlay">The entries that win.</param>
    /// <returns>The merged context; neither input is changed.</returns>
    public PolicyContext With(IReadOnlyDictionary<string, object?> overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        return new PolicyContext(this, overlay);
    }

    /// <summary>Reads the value at a dotted path such as <c>error.code</c> or <c>items.0.id</c>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="value">The value as a plain object (strings, numbers, booleans, lists, maps, null).</param>
    /// <returns>Whether the path resolves.</returns>
    public bool TryGetValue(string path, out object? value)
    {
        var found = FieldPath.Parse(path).Resolve(this);
        value = found.ToPlainObject();
        return found.Kind != ValueKind.Missing;
    }

    /// <summary>Converts the whole context to plain objects (for templates and outputs).</summary>
    /// <returns>A new dictionary.</returns>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Values is not null)
        {
            foreach (var (key, value) in Values)
            {
                result[key] = ContextValue.From(value).ToPlainObject();
            }
        }
        else if (Json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in Json.EnumerateObject())
            {
                result[property.Name] = ContextValue.From(property.Value).ToPlainObject();
            }
        }

        foreach (var (key, value) in Overlay ?? new Dictionary<string, object?>())
        {
            result[key] = ContextValue.From(value).ToPlainObject();
        }

        return result;
    }

    private static Dictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> first, IReadOnlyDictionary<string, object?> second)
    {
        var merged = new Dictionary<string, object?>(first, StringComparer.Ordinal);
        foreach (var (key, value) in second)
        {
            merged[key] = value;
        }

        return merged;
    }
}
