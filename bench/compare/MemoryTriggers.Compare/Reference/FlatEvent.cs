using System.Text.Json;
using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Reference;

/// <summary>
/// An event as the reference evaluator sees it: every dotted path of the JSON object mapped to its value, read
/// with System.Text.Json. Strings stay strings, numbers become doubles, anything else (objects, arrays, booleans,
/// null) is "another type", for which every leaf is false.
/// </summary>
internal sealed class FlatEvent
{
    private static readonly object OtherType = new();
    private object?[] _values = new object?[Math.Max(32, PathIds.Count)];

    private FlatEvent()
    {
    }

    /// <summary>Gets the number of paths (objects included).</summary>
    public int PathCount { get; private set; }

    /// <summary>Parses one JSON line; returns null with <paramref name="error"/> set when it is not a JSON object.</summary>
    public static FlatEvent? Parse(string line, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "an event must be a JSON object";
                return null;
            }

            var flat = new FlatEvent();
            flat.Add(document.RootElement, "");
            error = null;
            return flat;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>Gets the string at <paramref name="path"/>; false when missing or not a string.</summary>
    public bool TryGetString(string path, out string value) => TryGetString(PathIds.Of(path), out value);

    /// <summary>Gets the string at the path numbered <paramref name="pathId"/>; false when missing or not a string.</summary>
    public bool TryGetString(int pathId, out string value)
    {
        if (pathId < _values.Length && _values[pathId] is string text)
        {
            value = text;
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>Gets the number at <paramref name="path"/>; false when missing or not a number.</summary>
    public bool TryGetNumber(string path, out double value) => TryGetNumber(PathIds.Of(path), out value);

    /// <summary>Gets the number at the path numbered <paramref name="pathId"/>; false when missing or not a number.</summary>
    public bool TryGetNumber(int pathId, out double value)
    {
        if (pathId < _values.Length && _values[pathId] is double number)
        {
            value = number;
            return true;
        }

        value = 0;
        return false;
    }

    private void Add(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            var value = property.Value;
            var id = PathIds.Of(path);
            if (id >= _values.Length)
            {
                Array.Resize(ref _values, Math.Max(id + 1, _values.Length * 2));
            }

            PathCount += _values[id] is null ? 1 : 0;
            _values[id] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
                _ => OtherType,
            };
            if (value.ValueKind == JsonValueKind.Object)
            {
                Add(value, path);
            }
        }
    }
}
