namespace MemoryTriggers.Policies.Templates;

/// <summary>Where placeholders look values up while one rule's actions render.</summary>
internal sealed class TemplateScope(PolicyContext context, string ruleName, int rulePriority, string decisionId, DateTimeOffset now, Func<string, string?> environment)
{
    // Made on first use: most rules render no secret and read no earlier action's outputs.
    private Dictionary<string, (IReadOnlyDictionary<string, object?> Values, bool Planned)>? _actions;
    private HashSet<string>? _secrets;

    public PolicyContext Context { get; } = context;

    public string RuleName { get; } = ruleName;

    public int RulePriority { get; } = rulePriority;

    public string DecisionId { get; } = decisionId;

    public DateTimeOffset Now { get; } = now;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>Gets the values of environment variables rendered so far, to scrub from outputs and errors.</summary>
    public HashSet<string> Secrets => _secrets ??= new(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether any environment value has been rendered.</summary>
    public bool HasSecrets => _secrets is { Count: > 0 };

    public void RecordSecret(string value)
    {
        if (value.Length > 0)
        {
            Secrets.Add(value);
        }
    }

    /// <summary>Records an action's outputs for later <c>${actions.TYPE.KEY}</c> placeholders; a later action of the same type replaces them.</summary>
    public void RecordAction(string type, IReadOnlyDictionary<string, object?> values, bool planned) =>
        (_actions ??= new(StringComparer.Ordinal))[type] = (values, planned);

    public bool TryGetAction(string type, out IReadOnlyDictionary<string, object?> values, out bool planned)
    {
        if (_actions is not null && _actions.TryGetValue(type, out var entry))
        {
            values = entry.Values;
            planned = entry.Planned;
            return true;
        }

        values = null!;
        planned = false;
        return false;
    }
}
