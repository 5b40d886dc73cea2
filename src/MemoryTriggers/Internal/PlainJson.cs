using System.Collections;
using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Internal;

/// <summary>
/// Plain values (null, string, bool, long, double, <see cref="ValueList{T}"/>, <see cref="ValueMap{TValue}"/>)
/// to and from JSON, one way for every writer of metadata, exports and CLI output.
/// </summary>
internal static class PlainJson
{
    /// <summary>Writes a value; maps and lists of any origin nest, a non-finite number becomes its text.</summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal or ulong:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    json.WriteNumberValue(d);
                }
                else
                {
                    json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case IReadOnlyDictionary<string, object?> map:
                json.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    json.WritePropertyName(key);
                    Write(json, item);
                }

                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads JSON as a plain value: whole numbers as long, others as double, objects and arrays as ValueMap and ValueList.</summary>
    public static object? Read(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var l) ? l : (object)json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => ValueList<object?>.From(json.EnumerateArray().Select(Read)),
        JsonValueKind.Object => ValueMap<object?>.From(json.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, Read(p.Value)))),
        _ => null,
    };
}
