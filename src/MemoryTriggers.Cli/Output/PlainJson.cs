using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace MemoryTriggers.Cli.Output;

/// <summary>Writes plain values (strings, numbers, booleans, null, maps and lists of any origin) as JSON.</summary>
internal static class PlainJson
{
    public static void Write(Utf8JsonWriter json, object? value) => Internal.PlainJson.Write(json, value);

    /// <summary>Writes a property whose value is a plain value.</summary>
    public static void WritePlain(this Utf8JsonWriter json, string name, object? value)
    {
        json.WritePropertyName(name);
        Write(json, value);
    }

    /// <summary>Writes one indented JSON document (non-ASCII text kept as is) and returns it, without a final line break.</summary>
    public static string Document(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Text(object? value)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(json, value);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
