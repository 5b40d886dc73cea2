using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// Metadata as stored: the whole map as JSON (keeping key order and whether a number was whole),
/// and each top-level entry as a typed row the recall filters compare in SQL.
/// </summary>
internal static class SqliteMetadata
{
    public const string Null = "z";
    public const string Text = "s";
    public const string Number = "n";
    public const string Boolean = "b";
    public const string Json = "j";

    public static string ToJson(ValueMap<object?> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, metadata);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ValueMap<object?> FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (ValueMap<object?>)Internal.PlainJson.Read(document.RootElement)!;
    }

    /// <summary>The kind and comparable value of a metadata value.</summary>
    public static (string Kind, string? Text, double? Number) Classify(object? value) => value switch
    {
        null => (Null, null, null),
        string s => (Text, s, null),
        bool b => (Boolean, null, b ? 1 : 0),
        double or float or decimal or int or long or short or byte or sbyte or ushort or uint or ulong =>
            (Number, null, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IReadOnlyDictionary<string, object?> or IEnumerable => (Json, null, null),

        // Anything else is stored as its invariant text (see Write), so it compares as that text.
        _ => (Text, Convert.ToString(value, CultureInfo.InvariantCulture), null),
    };

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double or float or decimal:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    throw new ArgumentException($"Metadata numbers must be finite, not {d}.", nameof(value));
                }

                // A trailing ".0" keeps a whole double a double when it is read back.
                var text = d.ToString("R", CultureInfo.InvariantCulture);
                writer.WriteRawValue(text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0");
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var entry in map)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
