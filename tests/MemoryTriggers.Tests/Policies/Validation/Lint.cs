using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>Runs <see cref="PolicyValidator"/> over YAML or code-built rules, and builds the pieces.</summary>
internal static class Lint
{
    public const string Source = "p.yaml";

    /// <summary>A condition that is fine on its own.</summary>
    public const string PlainCondition = "- {type: equals, field: event_type, value: error}";

    /// <summary>An action that is fine on its own.</summary>
    public const string PlainAction = "- {type: log_event, parameters: {message: seen}}";

    /// <summary>Loads <paramref name="yaml"/> (which must load without errors) and validates it.</summary>
    public static IReadOnlyList<ValidationIssue> Yaml(string yaml)
    {
        var loaded = PolicyLoader.LoadFromString(yaml, Source);
        Assert.True(loaded.Valid, string.Join("\n", loaded.Issues));
        Assert.NotEmpty(loaded.Policies.Rules);
        return new PolicyValidator().Validate(loaded.Policies);
    }

    /// <summary>Validates one rule <c>r</c> with the given condition items (YAML list lines) and a plain action.</summary>
    public static IReadOnlyList<ValidationIssue> WithConditions(params string[] items) => Yaml(Rule("r", items, [PlainAction]));

    /// <summary>Validates one rule <c>r</c> with a plain condition and the given action items (YAML list lines).</summary>
    public static IReadOnlyList<ValidationIssue> WithActions(params string[] items) => Yaml(Rule("r", [PlainCondition], items));

    /// <summary>Validates one rule <c>r</c> with one action of <paramref name="type"/> and the given flow-mapping parameters.</summary>
    public static IReadOnlyList<ValidationIssue> WithParameters(string type, string parameters) =>
        WithActions($"- {{type: {type}, parameters: {parameters}}}");

    /// <summary>Writes a rule as YAML text under 'rules:' (without the 'rules:' line), with extra fields such as 'priority: 5'.</summary>
    public static string Rule(string name, string[] conditions, string[] actions, params string[] fields)
    {
        var lines = new List<string> { $"  {name}:" };
        lines.AddRange(fields.Select(f => "    " + f));
        lines.Add("    conditions:");
        lines.AddRange(conditions.SelectMany(c => c.Split('\n')).Select(c => "      " + c));
        lines.Add("    actions:");
        lines.AddRange(actions.SelectMany(a => a.Split('\n')).Select(a => "      " + a));
        return "rules:\n" + string.Join("\n", lines) + "\n";
    }

    /// <summary>Joins several rules written by <see cref="Rule"/> into one file, with an optional first line such as 'match_mode: first'.</summary>
    public static string File(string? header, params string[] rules) =>
        (header is null ? string.Empty : header + "\n") + "rules:\n" + string.Concat(rules.Select(r => r["rules:\n".Length..]));

    /// <summary>Validates code-built rules, without documents.</summary>
    public static IReadOnlyList<ValidationIssue> Code(params PolicyRule[] rules) =>
        new PolicyValidator().Validate(new PolicySet { Rules = rules });

    public static PolicyRule CodeRule(string name, PolicyCondition[]? conditions = null, PolicyAction[]? actions = null) => new()
    {
        Name = name,
        Conditions = conditions ?? [Eq("event_type", "error")],
        Actions = actions ?? [Log()],
    };

    public static PolicyCondition Eq(string field, object? value) => new() { Type = PolicyConditionType.Equals, Field = field, Value = value };

    public static PolicyCondition Of(PolicyConditionType type) => new() { Type = type };

    public static PolicyCondition And(params PolicyCondition[] subs) => new() { Type = PolicyConditionType.CompositeAnd, SubConditions = subs };

    public static PolicyAction Log() => new() { Type = PolicyActionType.LogEvent, Parameters = Map(("message", "seen")) };

    public static ValueMap<object?> Map(params (string Key, object? Value)[] entries) =>
        ValueMap<object?>.From(entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));

    /// <summary>The issues with <paramref name="code"/>.</summary>
    public static ValidationIssue[] Only(this IEnumerable<ValidationIssue> issues, string code) => issues.Where(i => i.Code == code).ToArray();

    /// <summary>The one issue with <paramref name="code"/>.</summary>
    public static ValidationIssue One(this IEnumerable<ValidationIssue> issues, string code)
    {
        var found = issues.Only(code);
        Assert.True(found.Length == 1, $"expected one {code}, found:\n{string.Join("\n", issues)}");
        return found[0];
    }

    /// <summary>Asserts that no issue has <paramref name="code"/>.</summary>
    public static void None(this IEnumerable<ValidationIssue> issues, string code) =>
        Assert.True(issues.Only(code).Length == 0, $"expected no {code}, found:\n{string.Join("\n", issues.Only(code))}");
}
