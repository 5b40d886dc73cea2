using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies.Templates;

/// <summary>
/// A string with <c>${...}</c> placeholders, parsed once. A string that is exactly one placeholder
/// keeps the value's type; otherwise values are interpolated as text. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
internal sealed class Template
{
    private const int MaxCachedBuilder = 4096;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly object[] _parts;

    private Template(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
        Placeholders = parts.OfType<Placeholder>().ToArray();
        UsesEnvironment = Placeholders.Any(p => p.Kind == PlaceholderKind.Environment);
    }

    public string Text { get; }

    public IReadOnlyList<Placeholder> Placeholders { get; }

    public bool UsesEnvironment { get; }

    public bool IsSinglePlaceholder => _parts is [Placeholder];

    /// <summary>Parses a template; a <c>${</c> without its <c>}</c> is an error.</summary>
    public static Template? TryParse(string text, out string? error)
    {
        error = null;
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    error = $"'${{' at position {i + 1} has no closing '}}'";
                    return null;
                }

                var body = text[(i + 2)..close];
                if (string.IsNullOrWhiteSpace(body.Split(":-")[0]))
                {
                    error = $"empty placeholder '${{{body}}}' at position {i + 1}";
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(Placeholder.Parse(body));
                i = close + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(literal.ToString());
        }

        return new Template(text, [.. parts]);
    }

    /// <summary>Renders the template. With <paramref name="redact"/>, environment values show as <c>***</c>.</summary>
    public object? Render(TemplateScope scope, bool redact)
    {
        if (IsSinglePlaceholder)
        {
            return Resolve((Placeholder)_parts[0], scope, redact, lone: true);
        }

        // One builder per thread, reused: only the rendered string is allocated per render.
        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null;
        try
        {
            builder.Clear();
            foreach (var part in _parts)
            {
                if (part is not Placeholder placeholder)
                {
                    builder.Append((string)part);
                }
                else if (!placeholder.TryAppendContextString(scope, builder))
                {
                    builder.Append(ToText(Resolve(placeholder, scope, redact, lone: false)));
                }
            }

            return builder.ToString();
        }
        finally
        {
            if (builder.Capacity <= MaxCachedBuilder)
            {
                t_builder = builder;
            }
        }
    }

    /// <summary>Formats a value for interpolation: strings as is, numbers invariant, booleans lower case, null empty, lists and maps as JSON.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(ToJsonFriendly(value)),
    };

    private static object? ToJsonFriendly(object? value) => value switch
    {
        ValueMap<object?> map => map.ToDictionary(e => e.Key, e => ToJsonFriendly(e.Value)),
        ValueList<object?> list => list.Select(ToJsonFriendly).ToArray(),
        _ => value,
    };

    private static object? Resolve(Placeholder placeholder, TemplateScope scope, bool redact, bool lone)
    {
        var resolved = placeholder.TryResolve(scope, out var value, out var missing);
        if (placeholder.Default is { } fallback && (!resolved || value is null || value is ""))
        {
            // A lone placeholder keeps types, its default too: ${limit:-10} is the number 10.
            return lone ? Configuration.Documents.ConfigScalar.ResolvePlain(fallback) ?? fallback : fallback;
        }

        if (resolved)
        {
            if (placeholder.Kind == PlaceholderKind.Environment && value is string secret)
            {
                scope.RecordSecret(secret);
                return redact ? "***" : value;
            }

            return value;
        }

        throw new TemplateException($"unresolved placeholder ${{{placeholder.Expression}}}: {missing}; give a default with ${{{placeholder.Expression}:-VALUE}}");
    }
}
