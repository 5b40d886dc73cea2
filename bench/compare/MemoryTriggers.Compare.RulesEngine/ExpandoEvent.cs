using System.Dynamic;
using System.Text.Json;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// Turns one JSON event line into the input RulesEngine's dynamic examples use: an <see cref="ExpandoObject"/>
/// with nested objects as nested expandos. Every JSON number becomes a <see cref="double"/>, so a field has one
/// CLR type in every event (an integral/fractional mix would make RulesEngine see more shapes, each a recompile)
/// and Dynamic LINQ compares it with any numeric literal.
/// </summary>
internal static class ExpandoEvent
{
    /// <summary>Parses a JSON object line; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static ExpandoObject Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? ToExpando(document.RootElement)
            : throw new InvalidDataException($"an event must be a JSON object: {line[..Math.Min(line.Length, 80)]}");
    }

    private static ExpandoObject ToExpando(JsonElement element)
    {
        var expando = new ExpandoObject();
        IDictionary<string, object?> fields = expando;
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = ToValue(property.Value);
        }

        return expando;
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ToExpando(value),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToValue).ToList(),
        _ => null,
    };
}
