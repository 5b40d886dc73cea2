using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemoryTriggers.Compare.Canonical;

/// <summary>Writes a <see cref="CanonicalRuleSet"/> as JSON, one rule per line so the file is readable and diffs well.</summary>
internal static class CanonicalWriter
{
    /// <summary>The JSON options of every generated file: compact, and no escaping of ASCII such as <c>+</c> or <c>'</c>.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the JSON text of <paramref name="set"/>, ending with a newline.</summary>
    public static string Write(CanonicalRuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var text = new StringBuilder(set.Rules.Count * 300);
        text.Append(CultureInfo.InvariantCulture, $"{{\"seed\":{set.Seed},\"size\":{set.Size},\"rules\":[\n");
        var buffer = new ArrayBufferWriter<byte>(1024);
        for (var i = 0; i < set.Rules.Count; i++)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                WriteRule(json, set.Rules[i]);
            }

            text.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append(i + 1 < set.Rules.Count ? ",\n" : "\n");
        }

        return text.Append("]}\n").ToString();
    }

    private static void WriteRule(Utf8JsonWriter json, CanonicalRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteStartArray("conditions");
        foreach (var condition in rule.Conditions)
        {
            WriteCondition(json, condition);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter json, CanonicalCondition condition)
    {
        json.WriteStartObject();
        json.WriteString("op", CanonicalCondition.Name(condition.Op));
        if (condition.Path is { } path)
        {
            json.WriteString("path", path);
        }

        switch (condition.Op)
        {
            case CanonicalOp.Eq or CanonicalOp.Ne or CanonicalOp.Contains:
                json.WriteString("value", condition.Text);
                break;
            case CanonicalOp.Gt or CanonicalOp.Lt:
                json.WriteNumber("value", condition.Number);
                break;
            case CanonicalOp.Between:
                json.WriteNumber("min", condition.Min);
                json.WriteNumber("max", condition.Max);
                break;
            case CanonicalOp.In:
                json.WriteStartArray("values");
                foreach (var value in condition.Values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
                break;
            case CanonicalOp.Regex:
                json.WriteString("pattern", condition.Pattern);
                break;
            default:
                json.WriteStartArray("conditions");
                foreach (var inner in condition.Conditions)
                {
                    WriteCondition(json, inner);
                }

                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
    }
}
