using System.Globalization;

namespace MemoryTriggers.Policies;

/// <summary>
/// A dotted path split once: <c>errors.0.code</c> becomes ["errors", 0, "code"]. A numeric segment indexes a list, or names a key of a map.
/// Paths interned by a <see cref="FieldPathTable"/> have an <see cref="Id"/> and a <see cref="Parent"/>, so that a
/// <see cref="PathCache"/> resolves each distinct path (and each prefix) once per event.
/// </summary>
internal sealed class FieldPath
{
    private readonly string[] _names;
    private readonly int[] _indexes;

    // Interned paths only: each segment's name as UTF-8 for JsonElement lookups, null for a name that is not
    // well-formed UTF-16 (that one keeps the string lookup).
    private readonly byte[]?[]? _utf8Names;

    private FieldPath(string text, string[] names, int id, FieldPath? parent)
    {
        Text = text;
        _names = names;
        _indexes = names.Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToArray();
        _utf8Names = id >= 0 ? names.Select(Utf8Text.TryEncode).ToArray() : null;
        Id = id;
        Parent = parent;
    }

    public string Text { get; }

    /// <summary>Gets the path's slot in its compiled set's <see cref="PathCache"/>, or -1 when the path was not interned.</summary>
    public int Id { get; }

    /// <summary>Gets the path without its last segment, for an interned path of two or more segments.</summary>
    public FieldPath? Parent { get; }

    /// <summary>Gets the number of segments.</summary>
    public int Depth => _names.Length;

    /// <summary>Gets the last segment's name as UTF-8 (interned paths only; null when not well-formed UTF-16).</summary>
    public byte[]? LastUtf8Name => _utf8Names?[^1];

    /// <summary>Gets, for an interned path, the lookup of the interned paths one segment below it, used to read all of them from a JSON object in one pass; null when there are too few.</summary>
    public FieldPathChildren? Children { get; set; }

    public static FieldPath Parse(string text) => new(text, text.Split('.'), -1, null);

    /// <summary>Creates an interned path; <paramref name="parent"/> must be the interned path of all but the last segment.</summary>
    public static FieldPath Interned(string text, int id, FieldPath? parent) => new(text, text.Split('.'), id, parent);

    public ContextValue Resolve(in PolicyContext context)
    {
        var current = ResolveFirst(context);
        for (var i = 1; i < _names.Length && current.Kind != ValueKind.Missing; i++)
        {
            current = Step(current, i);
        }

        return current;
    }

    /// <summary>Reads the first segment from the context (the overlay wins).</summary>
    public ContextValue ResolveFirst(in PolicyContext context)
    {
        var first = _names[0];
        if (context.Overlay is not null && context.Overlay.TryGetValue(first, out var overlaid))
        {
            return ContextValue.From(overlaid);
        }

        if (context.Values is not null)
        {
            return context.Values.TryGetValue(first, out var value) ? ContextValue.From(value) : ContextValue.Missing;
        }

        if (context.Json.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return ContextValue.Missing;
        }

        var found = _utf8Names?[0] is { } utf8 ? context.Json.TryGetProperty(utf8, out var property) : context.Json.TryGetProperty(first, out property);
        return found ? ContextValue.From(property) : ContextValue.Missing;
    }

    /// <summary>Reads the last segment from the value of <see cref="Parent"/>.</summary>
    public ContextValue ResolveLast(in ContextValue parent) => parent.Kind == ValueKind.Missing ? ContextValue.Missing : Step(parent, _names.Length - 1);

    public override string ToString() => Text;

    private ContextValue Step(in ContextValue current, int segment) =>
        current.Kind == ValueKind.Array && _indexes[segment] >= 0 ? current.Item(_indexes[segment]) : current.Member(_names[segment], _utf8Names?[segment]);
}
