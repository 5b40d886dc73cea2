namespace MemoryTriggers.Policies.Templates;

/// <summary>One <c>${...}</c> in a template, parsed once.</summary>
internal sealed class Placeholder
{
    private static readonly string[] s_builtins = ["timestamp", "now", "date", "rule.name", "rule.priority", "event_id", "decision_id"];

    private Placeholder(string expression, string? fallback)
    {
        Expression = expression;
        Default = fallback;
        if (expression.StartsWith("env:", StringComparison.Ordinal))
        {
            Kind = PlaceholderKind.Environment;
            Name = expression[4..];
        }
        else if (expression.StartsWith("actions.", StringComparison.Ordinal) && expression.Split('.') is { Length: >= 3 } parts)
        {
            Kind = PlaceholderKind.Action;
            Name = parts[1];
            Path = FieldPath.Parse(string.Join('.', parts[2..]));
        }
        else
        {
            Kind = PlaceholderKind.Context;
            Path = FieldPath.Parse(expression);
            Name = s_builtins.Contains(expression) ? expression : null;
        }
    }

    public string Expression { get; }

    public string? Default { get; }

    public PlaceholderKind Kind { get; }

    /// <summary>Gets the variable name, the action type, or the built-in name.</summary>
    public string? Name { get; }

    public FieldPath? Path { get; }

    public static Placeholder Parse(string body)
    {
        var separator = body.IndexOf(":-", StringComparison.Ordinal);
        return separator < 0 ? new Placeholder(body.Trim(), null) : new Placeholder(body[..separator].Trim(), body[(separator + 2)..]);
    }

    /// <summary>
    /// Appends the value of a context field that is a non-empty string, as <see cref="TryResolve"/> and
    /// <see cref="Template.ToText"/> would render it, but without copying a JSON string to a string first.
    /// False when the placeholder is anything else (the caller resolves it the general way).
    /// </summary>
    public bool TryAppendContextString(TemplateScope scope, System.Text.StringBuilder builder)
    {
        if (Kind != PlaceholderKind.Context)
        {
            return false;
        }

        var field = Path!.Resolve(scope.Context);
        if (field.ClrString is { Length: > 0 } text)
        {
            builder.Append(text);
            return true;
        }

        if (!field.TryGetJsonUtf8(out var utf8) || utf8.Length is 0 or > 1024)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[1024];
        builder.Append(buffer[..System.Text.Encoding.UTF8.GetChars(utf8, buffer)]);
        return true;
    }

    /// <summary>Looks the value up. Context fields win over built-ins of the same name.</summary>
    public bool TryResolve(TemplateScope scope, out object? value, out string? missing)
    {
        missing = null;
        switch (Kind)
        {
            case PlaceholderKind.Environment:
                value = scope.Environment(Name!);
                if (value is null)
                {
                    missing = $"the environment variable {Name} is not set";
                }

                return value is not null;
            case PlaceholderKind.Action:
                if (!scope.TryGetAction(Name!, out var outputs, out var planned))
                {
                    value = null;
                    missing = $"no earlier {Name} action of this rule has run";
                    return false;
                }

                if (planned)
                {
                    value = $"<{Name}.{Path}>";
                    return true;
                }

                var found = FieldPath.Parse(Path!.Text).Resolve(new PolicyContext(outputs));
                value = found.ToPlainObject();
                if (found.Kind == ValueKind.Missing)
                {
                    missing = $"the {Name} action produced no '{Path}' (it produced: {string.Join(", ", outputs.Keys)})";
                }

                return found.Kind != ValueKind.Missing;
            default:
                var field = Path!.Resolve(scope.Context);
                if (field.Kind != ValueKind.Missing)
                {
                    value = field.ToPlainObject();
                    return true;
                }

                value = Name switch
                {
                    "timestamp" or "now" => scope.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    "date" => scope.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    "rule.name" => scope.RuleName,
                    "rule.priority" => (long)scope.RulePriority,
                    "event_id" => FieldPath.Parse("id").Resolve(scope.Context).ToPlainObject() ?? scope.DecisionId,
                    "decision_id" => scope.DecisionId,
                    _ => null,
                };
                if (value is null)
                {
                    missing = $"the context has no field '{Expression}'";
                }

                return value is not null;
        }
    }
}
