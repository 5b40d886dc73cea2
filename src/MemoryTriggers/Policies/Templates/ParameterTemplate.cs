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
    }

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
        (IReadOnlyDictionary<string, object?>)RenderValue(_root, scope, redact)!;

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
        KeyValuePair<string, object?>[] map => map.ToDictionary(e => e.Key, e => RenderValue(e.Value, scope, redact), StringComparer.Ordinal),
        List<object?> list => list.Select(item => RenderValue(item, scope, redact)).ToList(),
        _ => compiled,
    };
}
