using System.Globalization;

namespace MemoryTriggers.Policies;

/// <summary>A dotted path split once: <c>errors.0.code</c> becomes ["errors", 0, "code"]. A numeric segment indexes a list, or names a key of a map.</summary>
internal sealed class FieldPath
{
    private readonly string[] _names;
    private readonly int[] _indexes;

    private FieldPath(string text, string[] names, int[] indexes)
    {
        Text = text;
        _names = names;
        _indexes = indexes;
    }

    public string Text { get; }

    public static FieldPath Parse(string text)
    {
        var names = text.Split('.');
        var indexes = names.Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToArray();
        return new FieldPath(text, names, indexes);
    }

    public ContextValue Resolve(in PolicyContext context)
    {
        var first = _names[0];
        ContextValue current;
        if (context.Overlay is not null && context.Overlay.TryGetValue(first, out var overlaid))
        {
            current = ContextValue.From(overlaid);
        }
        else if (context.Values is not null)
        {
            current = context.Values.TryGetValue(first, out var value) ? ContextValue.From(value) : ContextValue.Missing;
        }
        else
        {
            current = context.Json.ValueKind == System.Text.Json.JsonValueKind.Object && context.Json.TryGetProperty(first, out var property)
                ? ContextValue.From(property)
                : ContextValue.Missing;
        }

        for (var i = 1; i < _names.Length && current.Kind != ValueKind.Missing; i++)
        {
            current = current.Kind == ValueKind.Array && _indexes[i] >= 0 ? current.Item(_indexes[i]) : current.Member(_names[i]);
        }

        return current;
    }

    public override string ToString() => Text;
}
