using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies.Templates;

/// <summary>An action's parameters with every string compiled as a <see cref="Template"/>, rendered to plain values.</summary>
internal sealed class ParameterTemplate
{
    private readonly object? _root;

    private ParameterTemplate(object? root, bool usesEnvironment, IReadOnlyList<Placeholder> placeholders)
    {
        _root = root;
        UsesEnvironment = usesEnvironment;
        Placeholders = placeholders;
        if (root is KeyValuePair<string, object?>[] map && map.All(e => e.Value is not (Template or KeyValuePair<string, object?>[] or List<object?>)))
        {
            Constant = new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(map.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Gets the rendered parameters when rendering cannot change them (no placeholder and only scalar values):
    /// made once, read-only, and shared by every run of the action, so a run allocates nothing for them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Constant { get; }

    public bool UsesEnvironment { get; }

    /// <summary>Gets a scope for rendering templates without placeholders (only their <c>$${</c> escapes are resolved).</summary>
    private static TemplateScope EmptyScope { get; } = new(new PolicyContext(new Dictionary<string, object?>()), string.Empty, 0, string.Empty, default, _ => null);

    public IReadOnlyList<Placeholder> Placeholders { get; }

    /// <summary>Compiles parameters; errors name the parameter path (for example <c>metadata.severity</c>).</summary>
    public static ParameterTemplate Compile(ValueMap<object?> parameters, ICollection<string> errors)
    {
        var placeholders = new List<Placeholder>();
        var root = CompileValue(parameters, string.Empty, errors, placeholders);
        return new ParameterTemplate(root, placeholders.Any(p => p.Kind == PlaceholderKind.Environment), placeholders);
    }

    public IReadOnlyDictionary<string, object?> Render(TemplateScope scope, bool redact) =>
        Constant ?? (IReadOnlyDictionary<string, object?>)RenderValue(_root, scope, redact)!;

    private static object? CompileValue(object? value, string path, ICollection<string> errors, List<Placeholder> placeholders)
    {
        switch (value)
        {
            case string text:
                var template = Template.TryParse(text, out var error);
                if (template is null)
                {
                    errors.Add($"{(path.Length == 0 ? "parameter" : path)}: {error}");
                    return text;
                }

                placeholders.AddRange(template.Placeholders);
                return template.Placeholders.Count == 0 ? template.Render(EmptyScope, redact: false) : template;
            case ValueMap<object?> map:
                return map.Select(e => new KeyValuePair<string, object?>(e.Key, CompileValue(e.Value, path.Length == 0 ? e.Key : path + "." + e.Key, errors, placeholders))).ToArray();
            case ValueList<object?> list:
                return list.Select((item, i) => CompileValue(item, $"{path}[{i}]", errors, placeholders)).ToList();
            default:
                return value;
        }
    }

    private static object? RenderValue(object? compiled, TemplateScope scope, bool redact) => compiled switch
    {
        Template template => template.Render(scope, redact),
        KeyValuePair<string, object?>[] map => RenderMap(map, scope, redact),
        List<object?> list => RenderList(list, scope, redact),
        _ => compiled,
    };

    // Loops rather than LINQ with lambdas: a lambda capturing scope would allocate its closure on every call of RenderValue.
    private static List<object?> RenderList(List<object?> list, TemplateScope scope, bool redact)
    {
        var rendered = new List<object?>(list.Count);
        foreach (var item in list)
        {
            rendered.Add(RenderValue(item, scope, redact));
        }

        return rendered;
    }

    private static Dictionary<string, object?> RenderMap(KeyValuePair<string, object?>[] map, TemplateScope scope, bool redact)
    {
        var rendered = new Dictionary<string, object?>(map.Length, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            rendered.Add(key, RenderValue(value, scope, redact));
        }

        return rendered;
    }
}
