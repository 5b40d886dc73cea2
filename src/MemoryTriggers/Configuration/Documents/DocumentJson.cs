using System.Text;
using System.Text.Json;

namespace MemoryTriggers.Configuration.Documents;

/// <summary>Writes a document as JSON so that a JSON Schema can check it.</summary>
internal static class DocumentJson
{
    /// <summary>Writes <paramref name="node"/> as JSON. Null mapping values are left out: an absent key and an empty one mean the same (the default).</summary>
    public static string Write(ConfigNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Value is ConfigScalar { Value: null })
                    {
                        continue;
                    }

                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case ConfigSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, ConfigScalar scalar)
    {
        switch (scalar.Value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            default:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }
}
