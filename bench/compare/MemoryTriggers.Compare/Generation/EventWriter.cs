using System.Buffers;
using System.Text.Json;
using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Generation;

/// <summary>Writes an <see cref="EventNode"/> as one compact JSON line, leaving out the optional fields a shape lacks.</summary>
internal sealed class EventWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates a writer with the generated files' JSON options.</summary>
    public EventWriter()
    {
        _json = new Utf8JsonWriter(_buffer, CanonicalWriter.Options);
    }

    /// <summary>Returns the UTF-8 line (with its newline) of <paramref name="node"/> in shape <paramref name="mask"/>
    /// (-1: every field). The span is valid until the next call.</summary>
    public ReadOnlySpan<byte> Line(EventNode node, int mask)
    {
        ArgumentNullException.ThrowIfNull(node);
        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        foreach (var (name, value) in node.Fields)
        {
            var optional = IndexOf(name);
            if (optional >= 0 && !ShapeTable.Has(mask, optional))
            {
                continue;
            }

            Write(name, value);
        }

        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();

    private static int IndexOf(string name)
    {
        for (var i = 0; i < EventSchema.OptionalFields.Count; i++)
        {
            if (string.Equals(EventSchema.OptionalFields[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Write(string name, object value)
    {
        switch (value)
        {
            case string text:
                _json.WriteString(name, text);
                break;
            case long number:
                _json.WriteNumber(name, number);
                break;
            default:
                _json.WriteStartObject(name);
                foreach (var (inner, innerValue) in ((EventNode)value).Fields)
                {
                    Write(inner, innerValue);
                }

                _json.WriteEndObject();
                break;
        }
    }
}
