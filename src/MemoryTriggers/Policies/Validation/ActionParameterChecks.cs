using System.Collections;
using System.Globalization;
using MemoryTriggers.Internal;
using MemoryTriggers.Policies.Templates;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>Checks an action's parameters against what its type reads: required, known, of the right kind, with valid templates.</summary>
internal static class ActionParameterChecks
{
    private const int MaxContentLength = 10_000;

    private static readonly string[] s_methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] s_levels = ["trace", "debug", "info", "information", "warning", "warn", "error", "critical"];

    private static readonly Dictionary<string, Kind> s_updateKeys = new(StringComparer.Ordinal)
    {
        ["content"] = Kind.Text, ["tags"] = Kind.TextList, ["category"] = Kind.Text, ["metadata"] = Kind.Map, ["quality_score"] = Kind.Score,
    };

    private static readonly Dictionary<PolicyActionType, Spec> s_specs = new()
    {
        [PolicyActionType.CreateMemory] = new([["content"]], null, new()
        {
            ["content"] = Kind.Text, ["tags"] = Kind.TextList, ["category"] = Kind.Text, ["metadata"] = Kind.Map, ["quality_score"] = Kind.Score,
            ["user_id"] = Kind.Text, ["agent_id"] = Kind.Text, ["run_id"] = Kind.Text, ["expires_in_days"] = Kind.Number, ["importance"] = Kind.Any,
        }),
        [PolicyActionType.RecallMemory] = new([["query", "memory_id"]], null, new()
        {
            ["query"] = Kind.Text, ["memory_id"] = Kind.Text, ["limit"] = Kind.Count, ["tags"] = Kind.TextList, ["category"] = Kind.Text,
            ["min_quality"] = Kind.Score, ["user_id"] = Kind.Text, ["agent_id"] = Kind.Text, ["run_id"] = Kind.Text,
        }),
        [PolicyActionType.UpdateMemory] = new([["memory_id"], ["updates", "content", "tags", "metadata", "category", "quality_score"]], null, new()
        {
            ["memory_id"] = Kind.Text, ["updates"] = Kind.Map, ["content"] = Kind.Text, ["tags"] = Kind.TextList, ["metadata"] = Kind.Map,
            ["category"] = Kind.Text, ["quality_score"] = Kind.Score,
        }),
        [PolicyActionType.DeleteMemory] = new([["memory_id"]], null, new() { ["memory_id"] = Kind.Text }),
        [PolicyActionType.ArchiveMemory] = new([["memory_id"]], null, new() { ["memory_id"] = Kind.Text, ["archive_location"] = Kind.Text }),
        [PolicyActionType.SetQualityScore] = new([["memory_id"], ["score"]], null, new() { ["memory_id"] = Kind.Text, ["score"] = Kind.Score }),
        [PolicyActionType.AddTag] = new([["memory_id"], ["tag"]], null, new() { ["memory_id"] = Kind.Text, ["tag"] = Kind.Text }),
        [PolicyActionType.RemoveTag] = new([["memory_id"], ["tag"]], null, new() { ["memory_id"] = Kind.Text, ["tag"] = Kind.Text }),
        [PolicyActionType.TriggerAlert] = new([], "message", new()
        {
            ["alert_type"] = Kind.Text, ["message"] = Kind.Text, ["urgency"] = Kind.Text, ["channels"] = Kind.TextList, ["data"] = Kind.Map,
        }),
        [PolicyActionType.LogEvent] = new([], "message", new() { ["level"] = Kind.Text, ["message"] = Kind.Text, ["fields"] = Kind.Map }),
        [PolicyActionType.ExecuteWebhook] = new([["url"]], null, new()
        {
            ["url"] = Kind.Text, ["method"] = Kind.Text, ["headers"] = Kind.Map, ["data"] = Kind.Any, ["body"] = Kind.Any,
        }),

        // The engine also reads the target from 'rule'.
        [PolicyActionType.ChainPolicy] = new([["policy_name", "rule"]], null, new() { ["policy_name"] = Kind.Name, ["rule"] = Kind.Name, ["context"] = Kind.Map }),
        [PolicyActionType.Abort] = new([], null, []),
        [PolicyActionType.Skip] = new([], null, []),
    };

    private enum Kind
    {
        Any,

        /// <summary>A string or a number, written as text.</summary>
        Text,

        /// <summary>A string only: a rule's name.</summary>
        Name,
        Number,
        Score,
        Count,
        TextList,
        Map,
    }

    /// <summary>Checks the parameters of <paramref name="action"/>, written at <paramref name="path"/> (<c>rules.R.actions[i]</c>).</summary>
    /// <param name="sink">Receives the issues.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="action">The action.</param>
    /// <param name="path">The action's path.</param>
    /// <param name="earlier">The snake-case types of the rule's actions that run before this one and record outputs.</param>
    /// <param name="all">The snake-case types of all the rule's actions.</param>
    public static void Check(PolicyIssueCollector sink, PolicyRule rule, PolicyAction action, string path, IReadOnlySet<string> earlier, IReadOnlySet<string> all)
    {
        var at = path + ".parameters";
        if (s_specs.TryGetValue(action.Type, out var spec))
        {
            CheckAgainst(spec, sink, rule, action, at);
        }

        CheckTemplates(sink, rule, action.Parameters, at, ConditionFacts.TypeName(action.Type), earlier, all);
    }

    private static void CheckAgainst(Spec spec, PolicyIssueCollector sink, PolicyRule rule, PolicyAction action, string at)
    {
        var type = ConditionFacts.TypeName(action.Type);
        var parameters = action.Parameters;
        foreach (var group in spec.Required)
        {
            if (!group.Any(name => IsGiven(parameters.GetValueOrDefault(name))))
            {
                var names = string.Join(" or ", group.Where(n => n != "rule").Select(n => $"'{n}'"));
                var empty = group.FirstOrDefault(parameters.ContainsKey) is { } given ? $" ('{given}' is empty)" : string.Empty;
                sink.Error(rule, C.RequiredParameter, $"{at}.{group[0]}", $"{type} needs the parameter {names}{empty}", Example(action.Type, group[0]));
            }
        }

        if (spec.Recommended is { } recommended && !IsGiven(parameters.GetValueOrDefault(recommended)))
        {
            sink.Warning(rule, C.RequiredParameter, $"{at}.{recommended}", $"{type} has no '{recommended}', so a generic default message is used",
                $"add '{recommended}:' saying what happened, for example '{recommended}: \"Error rate high for ${{agent_id}}\"'");
        }

        foreach (var (name, value) in parameters)
        {
            if (!spec.Known.TryGetValue(name, out var kind))
            {
                ReportUnknown(sink, rule, type, $"{at}.{name}", name, spec.Known.Keys);
                continue;
            }

            CheckValue(sink, rule, type, name, $"{at}.{name}", value, kind);
        }

        switch (action.Type)
        {
            case PolicyActionType.CreateMemory when parameters.GetValueOrDefault("content") is string { Length: > MaxContentLength } content:
                sink.Warning(rule, C.ContentLong, at + ".content",
                    string.Create(CultureInfo.InvariantCulture, $"the content is {content.Length:N0} characters long, above {MaxContentLength:N0}; long memories are slow to store and recall"),
                    "store a summary, or split the content into several memories");
                break;
            case PolicyActionType.UpdateMemory when AsMap(parameters.GetValueOrDefault("updates")) is { } updates:
                CheckUpdates(sink, rule, at + ".updates", updates);
                break;
            case PolicyActionType.ExecuteWebhook:
                CheckWebhook(sink, rule, at, parameters);
                break;
            case PolicyActionType.LogEvent when Literal(parameters.GetValueOrDefault("level")) is { } level
                && !s_levels.Contains(level.Trim().ToLowerInvariant()):
                sink.Error(rule, C.ParameterValue, at + ".level", $"'{level}' is not a log level; the action fails", "use one of: " + string.Join(", ", s_levels));
                break;
        }
    }

    /// <summary>Whether a value counts as given: not null and not a blank string.</summary>
    private static bool IsGiven(object? value) => value is not null && (value is not string text || !string.IsNullOrWhiteSpace(text));

    /// <summary>A string that holds no placeholder (and is a valid template); null for anything else.</summary>
    private static string? Literal(object? value) =>
        value is string text && Template.TryParse(text, out _) is { Placeholders.Count: 0 } ? text : null;

    private static bool IsTemplateOrBroken(string text) => Template.TryParse(text, out _) is not { Placeholders.Count: 0 };

    private static void ReportUnknown(PolicyIssueCollector sink, PolicyRule rule, string type, string path, string name, IEnumerable<string> known)
    {
        var names = known.ToArray();
        if (names.Length == 0)
        {
            sink.Warning(rule, C.UnknownParameter, path, $"{type} takes no parameters; '{name}' is ignored", "remove it");
            return;
        }

        var closest = Names.Closest(name, names);
        sink.Warning(rule, C.UnknownParameter, path, $"{type} does not read the parameter '{name}'; it is ignored",
            closest is null ? $"remove it; {type} reads: {string.Join(", ", names)}" : $"did you mean '{closest}'?");
    }

    private static void CheckValue(PolicyIssueCollector sink, PolicyRule rule, string type, string name, string path, object? value, Kind kind)
    {
        if (value is null || kind == Kind.Any || (value is string text && IsTemplateOrBroken(text)))
        {
            return;
        }

        switch (kind)
        {
            case Kind.Text when value is string || ConditionFacts.TryNumber(value, out _, out _):
                return;
            case Kind.Name when value is string:
                return;
            case Kind.Text or Kind.Name:
                WrongType(sink, rule, type, name, path, "a string", value);
                return;
            case Kind.Map when AsMap(value) is not null:
                return;
            case Kind.Map:
                WrongType(sink, rule, type, name, path, "a mapping", value);
                return;
            case Kind.TextList:
                CheckTextList(sink, rule, type, name, path, value);
                return;
        }

        if (!ConditionFacts.TryNumber(value, out var number, out var isText))
        {
            WrongType(sink, rule, type, name, path, kind == Kind.Score ? "a number from 0 to 1" : "a number", value);
            return;
        }

        if (isText)
        {
            sink.Warning(rule, C.ParameterType, path, $"{type}'s '{name}' is the string {ConditionFacts.Show(value)}; it works, but it is a string",
                $"write a number: '{name}: {number.ToString(CultureInfo.InvariantCulture)}' without quotes");
        }

        if (kind == Kind.Score && number is < 0 or > 1)
        {
            sink.Error(rule, C.QualityScore, path, string.Create(CultureInfo.InvariantCulture, $"{type}'s '{name}' is {number}, outside 0 to 1"),
                "write a quality score from 0 (worthless) to 1 (essential)");
        }
        else if (kind == Kind.Count && (number < 1 || number != Math.Floor(number)))
        {
            sink.Error(rule, C.ParameterValue, path, string.Create(CultureInfo.InvariantCulture, $"{type}'s '{name}' is {number}; it must be a whole number of at least 1"),
                $"write a whole number, for example '{name}: 10'");
        }
    }

    private static void CheckTextList(PolicyIssueCollector sink, PolicyRule rule, string type, string name, string path, object value)
    {
        if (value is string)
        {
            return;
        }

        if (AsList(value) is not { } items)
        {
            WrongType(sink, rule, type, name, path, "a list of strings", value);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not string && !ConditionFacts.TryNumber(items[i], out _, out _))
            {
                WrongType(sink, rule, type, name, $"{path}[{i}]", "a string", items[i]);
            }
        }
    }

    private static void WrongType(PolicyIssueCollector sink, PolicyRule rule, string type, string name, string path, string expected, object? value) =>
        sink.Error(rule, C.ParameterType, path, $"{type}'s '{name}' must be {expected}, not {Describe(value)}; the action fails",
            expected.StartsWith("a number", StringComparison.Ordinal) ? $"write a number, for example '{name}: 0.8'" : $"write {name} as {expected}");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "the string '" + s + "'",
        bool b => b ? "true" : "false",
        _ when AsMap(value) is not null => "a mapping",
        _ when AsList(value) is not null => "a list",
        _ => ConditionFacts.Show(value),
    };

    private static void CheckUpdates(PolicyIssueCollector sink, PolicyRule rule, string path, IEnumerable<KeyValuePair<string, object?>> updates)
    {
        foreach (var (key, value) in updates)
        {
            if (s_updateKeys.TryGetValue(key, out var kind))
            {
                CheckValue(sink, rule, "update_memory", "updates." + key, $"{path}.{key}", value, kind);
                continue;
            }

            var closest = Names.Closest(key, s_updateKeys.Keys);
            sink.Error(rule, C.UnknownParameter, $"{path}.{key}", $"update_memory's 'updates' has the key '{key}', which it rejects; the action fails",
                closest is null ? "use only: " + string.Join(", ", s_updateKeys.Keys) : $"did you mean '{closest}'?");
        }
    }

    private static void CheckWebhook(PolicyIssueCollector sink, PolicyRule rule, string path, IReadOnlyDictionary<string, object?> parameters)
    {
        if (parameters.GetValueOrDefault("url") is string url && !string.IsNullOrWhiteSpace(url))
        {
            var template = Template.TryParse(url, out _);
            var trimmed = url.Trim();

            // A URL that starts with a placeholder can only be checked once rendered.
            var checkable = template is not null && !trimmed.StartsWith("${", StringComparison.Ordinal);
            var valid = template is { Placeholders.Count: > 0 }
                ? trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                : Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
            if (checkable && !valid)
            {
                var scheme = trimmed.IndexOf("://", StringComparison.Ordinal) is > 0 and var end ? trimmed[..end] : null;
                sink.Error(rule, C.WebhookUrl, path + ".url",
                    scheme is null ? $"the webhook url '{url}' is not an absolute URL" : $"the webhook url '{url}' uses the scheme '{scheme}'; only http and https are sent",
                    "write an absolute http:// or https:// URL, for example 'url: https://hooks.example.com/memory'");
            }
        }

        if (Literal(parameters.GetValueOrDefault("method")) is { } method && !s_methods.Contains(method.Trim().ToUpperInvariant()))
        {
            sink.Error(rule, C.ParameterValue, path + ".method", $"'{method}' is not an HTTP method the webhook sends; the action fails",
                "use one of: " + string.Join(", ", s_methods));
        }
    }

    /// <summary>Parses every string in the parameters as a template and checks that <c>${actions.TYPE.KEY}</c> names an earlier action.</summary>
    private static void CheckTemplates(PolicyIssueCollector sink, PolicyRule rule, object? value, string path, string type, IReadOnlySet<string> earlier, IReadOnlySet<string> all)
    {
        if (value is string text)
        {
            if (Template.TryParse(text, out var error) is not { } template)
            {
                sink.Error(rule, C.Template, path, $"'{text}' is not a valid template: {error}",
                    "close every '${' with '}', or write '$${' for a literal '${'");
                return;
            }

            foreach (var placeholder in template.Placeholders.Where(p => p.Kind == PlaceholderKind.Action))
            {
                CheckActionReference(sink, rule, placeholder, path, type, earlier, all);
            }
        }
        else if (AsMap(value) is { } map)
        {
            foreach (var (key, item) in map)
            {
                CheckTemplates(sink, rule, item, $"{path}.{key}", type, earlier, all);
            }
        }
        else if (AsList(value) is { } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                CheckTemplates(sink, rule, list[i], $"{path}[{i}]", type, earlier, all);
            }
        }
    }

    private static void CheckActionReference(PolicyIssueCollector sink, PolicyRule rule, Placeholder placeholder, string path, string type, IReadOnlySet<string> earlier, IReadOnlySet<string> all)
    {
        var name = placeholder.Name!;
        if (earlier.Contains(name))
        {
            return;
        }

        var types = Enum.GetValues<PolicyActionType>().Select(ConditionFacts.TypeName).ToArray();
        string message, suggestion;
        if (!types.Contains(name))
        {
            message = $"${{{placeholder.Expression}}} names '{name}', which is not an action type";
            suggestion = Names.Closest(name, types) is { } closest ? $"did you mean '{closest}'?" : "write ${actions.TYPE.KEY} with the type of an earlier action, such as create_memory";
        }
        else if (name is "abort" or "skip")
        {
            message = $"${{{placeholder.Expression}}} reads the output of {name}, which has none and stops the rule";
            suggestion = "refer to an action that produces outputs, such as create_memory";
        }
        else if (all.Contains(name))
        {
            message = $"${{{placeholder.Expression}}} reads the output of {name}, but {name} runs after this {type} action (actions run in ascending priority, ties in file order)";
            suggestion = $"give the {name} action a lower priority than this action";
        }
        else
        {
            message = $"${{{placeholder.Expression}}} reads the output of {name}, but the rule has no {name} action";
            suggestion = $"add a {name} action with a lower priority, or refer to an action the rule has";
        }

        sink.Error(rule, C.ActionReference, path, message, suggestion);
    }

    private static string Example(PolicyActionType type, string name) => (type, name) switch
    {
        (PolicyActionType.CreateMemory, _) => "add 'content:', for example 'content: \"Task ${task_id} failed: ${error.message}\"'",
        (PolicyActionType.RecallMemory, _) => "add 'query:' with what to look for, or 'memory_id:'",
        (PolicyActionType.UpdateMemory, "memory_id") => "add 'memory_id:', for example 'memory_id: ${actions.create_memory.memory_id}'",
        (PolicyActionType.UpdateMemory, _) => "add 'updates:' with the fields to change (content, tags, category, metadata, quality_score)",
        (PolicyActionType.SetQualityScore, "score") => "add 'score:' with a number from 0 to 1",
        (_, "memory_id") => "add 'memory_id:', for example 'memory_id: ${memory_id}'",
        (_, "tag") => "add 'tag:' with the tag's name",
        (PolicyActionType.ExecuteWebhook, _) => "add 'url:' with an http:// or https:// address",
        (PolicyActionType.ChainPolicy, _) => "add 'policy_name:' with the name of the rule to run",
        _ => $"add '{name}:'",
    };

    /// <summary>Reads a mapping of either origin (YAML or code).</summary>
    public static IEnumerable<KeyValuePair<string, object?>>? AsMap(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary map => map.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)),
        _ => null,
    };

    /// <summary>Reads a list of either origin; strings and mappings are not lists.</summary>
    public static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        string or IDictionary or IReadOnlyDictionary<string, object?> => null,
        IEnumerable items => items.Cast<object?>().ToArray(),
        _ => null,
    };

    /// <summary>What an action type reads.</summary>
    /// <param name="Required">Groups of parameters; each group needs one of its members.</param>
    /// <param name="Recommended">A parameter that has a default but should be written.</param>
    /// <param name="Known">Every parameter it reads, with the kind of value.</param>
    private sealed record Spec(string[][] Required, string? Recommended, Dictionary<string, Kind> Known);
}
