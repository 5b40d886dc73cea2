using System.Text.Json;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// An event in our engine's natural form: a <see cref="PolicyContext"/> over the root of a <see cref="JsonDocument"/>
/// parsed from the JSON line, read in place by the engine. The document is kept alive with the event, since the
/// context's <see cref="JsonElement"/> is only valid while its document is.
/// </summary>
internal sealed class JsonEvent : IDisposable
{
    private readonly JsonDocument _document;

    private JsonEvent(JsonDocument document)
    {
        _document = document;
        Context = new PolicyContext(document.RootElement);
    }

    /// <summary>Gets the context the engine evaluates.</summary>
    public PolicyContext Context { get; }

    /// <summary>Gets the root JSON object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Parses one JSON line; throws <see cref="JsonException"/> or <see cref="ArgumentException"/> (not an object) naming the problem.</summary>
    public static JsonEvent Parse(string line)
    {
        var document = JsonDocument.Parse(line);
        try
        {
            return new JsonEvent(document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _document.Dispose();
}
