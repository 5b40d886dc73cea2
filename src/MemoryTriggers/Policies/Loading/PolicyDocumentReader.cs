using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>
/// Reads one parsed policy document into rules. Every problem becomes an issue at the offending node
/// (unknown keys at the key); a rule with an error anywhere in its structure is left out.
/// </summary>
internal sealed class PolicyDocumentReader
{
    public const string RulesKey = "rules";
    public const string MatchModeKey = "match_mode";

    private static readonly string[] s_fileKeys = [RulesKey, MatchModeKey];

    private static readonly string[] s_ruleKeys =
    [
        "name", "description", "enabled", "priority", "scope", "conditions", "condition_operator", "actions",
        "max_executions", "cooldown_period", "cooldown_key", "tags", "metadata",
    ];

    private static readonly string[] s_conditionKeys =
    [
        "type", "field", "value", "values", "regex_pattern", "min_value", "max_value", "start_time", "end_time", "days",
        "timezone", "rate_limit", "time_window", "probability", "sample_by", "sub_conditions", "negate",
    ];

    private static readonly string[] s_actionKeys =
        ["type", "parameters", "condition", "priority", "retry_count", "retry_delay", "timeout", "async_execution"];

    private static readonly EnumNames<PolicyConditionType> s_conditionTypes = EnumNames<PolicyConditionType>.SnakeCase();
    private static readonly EnumNames<PolicyActionType> s_actionTypes = EnumNames<PolicyActionType>.SnakeCase();
    private static readonly EnumNames<PolicyScope> s_scopes = EnumNames<PolicyScope>.SnakeCase();
    private static readonly EnumNames<MatchMode> s_matchModes = EnumNames<MatchMode>.SnakeCase();
    private static readonly EnumNames<ConditionOperator> s_operators = new([("AND", ConditionOperator.And), ("OR", ConditionOperator.Or)], ignoreCase: true);

    private readonly string? _source;
    private readonly IReadOnlyList<ValidationIssue> _parserErrors;
    private readonly ICollection<ValidationIssue> _issues;
    private int _errors;

    private PolicyDocumentReader(string? source, IReadOnlyList<ValidationIssue> parserErrors, ICollection<ValidationIssue> issues)
    {
        _source = source;
        _parserErrors = parserErrors;
        _issues = issues;
    }

    /// <summary>Reads <paramref name="document"/>; <paramref name="issues"/> holds the parser's issues and receives the reader's.</summary>
    public static Content Read(ConfigDocument document, ICollection<ValidationIssue> issues)
    {
        var reader = new PolicyDocumentReader(document.SourceName, issues.Where(i => i.IsError).ToArray(), issues);
        return reader.ReadRoot(document);
    }

    private Content ReadRoot(ConfigDocument document)
    {
        var rules = new List<LoadedRule>();
        (MatchMode, SourceLocation)? matchMode = null;
        switch (document.Root)
        {
            case null when _parserErrors.Any(i => i.Code == IssueCodes.YamlSyntax):
                // The text is not YAML; calling it empty as well would only confuse.
                break;
            case null:
                AddError(IssueCodes.EmptyDocument, string.Empty, "the policy file is empty", SourceLocation.At(_source, 1, 1),
                    "add a 'rules:' mapping with at least one rule, or delete the file");
                break;
            case ConfigMapping root:
                foreach (var entry in root.Entries)
                {
                    switch (entry.Key)
                    {
                        case RulesKey:
                            ReadRules(entry.Value, rules);
                            break;
                        case MatchModeKey:
                            if (ReadEnum(entry.Value, MatchModeKey, MatchModeKey, s_matchModes, out var mode))
                            {
                                matchMode = (mode, entry.Value.Location);
                            }

                            break;
                        default:
                            ReportUnknownTopLevelKey(entry);
                            break;
                    }
                }

                break;
            default:
                AddError(IssueCodes.NotAMapping, string.Empty, $"a policy file must be a mapping with a 'rules:' key, found {document.Root.Describe()}",
                    document.Root.Location, "start the file with 'rules:' and write each rule indented under its name");
                break;
        }

        return new Content(rules, matchMode);
    }

    private void ReadRules(ConfigNode node, List<LoadedRule> rules)
    {
        switch (node)
        {
            case ConfigScalar { Value: null }:
                return;
            case ConfigMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (ReadRule(entry) is { } rule)
                    {
                        rules.Add(rule);
                    }
                }

                return;
            case ConfigSequence sequence:
                var example = sequence.Items.Count > 0 && sequence.Items[0] is ConfigMapping first && first.Find("name")?.Value is ConfigScalar { Value: string name }
                    ? name
                    : "error_handler";
                AddType(RulesKey, node, "a mapping of rule names to rules",
                    $"key each rule by its name instead of listing it: write '{example}:' indented under 'rules:' in place of '- name: {example}', with the rule's fields indented under that");
                return;
            default:
                AddType(RulesKey, node, "a mapping of rule names to rules", "write each rule indented under 'rules:' as 'rule_name:' followed by its fields");
                return;
        }
    }

    private LoadedRule? ReadRule(ConfigEntry entry)
    {
        var path = ConfigPath.Append(RulesKey, entry.Key);
        if (entry.Value is not ConfigMapping mapping)
        {
            AddType(path, entry.Value, "a mapping of the rule's fields", "write the rule's fields (conditions, actions, ...) as an indented mapping under its name");
            return null;
        }

        var errorsBefore = _errors;
        var rule = new PolicyRule { Name = entry.Key, Source = _source };
        foreach (var field in mapping.Entries)
        {
            var at = ConfigPath.Append(path, field.Key);
            var node = field.Value;
            switch (field.Key)
            {
                case "name":
                    if (ReadString(node, at, "name", out var name) && name is not null)
                    {
                        if (string.IsNullOrWhiteSpace(name))
                        {
                            AddError(IssueCodes.Type, at, "the rule's name is empty", node.Location, "remove 'name' to use the key as the name, or write a name");
                        }
                        else
                        {
                            if (!string.Equals(name, entry.Key, StringComparison.Ordinal))
                            {
                                Add(IssueSeverity.Warning, PolicyIssueCodes.NameMismatch, at, $"the rule's name '{name}' differs from its key '{entry.Key}'; the name is used", node.Location,
                                    $"rename the key to '{name}', or remove 'name'");
                            }

                            rule = rule with { Name = name };
                        }
                    }

                    break;
                case "description":
                    if (ReadString(node, at, field.Key, out var description))
                    {
                        rule = rule with { Description = description };
                    }

                    break;
                case "enabled":
                    if (ReadBool(node, at, field.Key, out var enabled))
                    {
                        rule = rule with { Enabled = enabled };
                    }

                    break;
                case "priority":
                    if (ReadInt(node, at, field.Key, nullable: false, out var priority))
                    {
                        rule = rule with { Priority = priority!.Value };
                    }

                    break;
                case "scope":
                    if (ReadEnum(node, at, field.Key, s_scopes, out var scope))
                    {
                        rule = rule with { Scope = scope };
                    }

                    break;
                case "conditions":
                    rule = rule with { Conditions = ReadConditions(node, at, field.Key) };
                    break;
                case "condition_operator":
                    if (ReadEnum(node, at, field.Key, s_operators, out var op))
                    {
                        rule = rule with { ConditionOperator = op };
                    }

                    break;
                case "actions":
                    rule = rule with { Actions = ReadActions(node, at) };
                    break;
                case "max_executions":
                    if (ReadInt(node, at, field.Key, nullable: true, out var maxExecutions))
                    {
                        rule = rule with { MaxExecutions = maxExecutions };
                    }

                    break;
                case "cooldown_period":
                    if (ReadNumber(node, at, field.Key, nullable: true, out var cooldown))
                    {
                        rule = rule with { CooldownPeriod = cooldown == 0 ? null : cooldown };
                    }

                    break;
                case "cooldown_key":
                    if (ReadString(node, at, field.Key, out var cooldownKey))
                    {
                        rule = rule with { CooldownKey = cooldownKey };
                    }

                    break;
                case "tags":
                    rule = rule with { Tags = ReadStringList(node, at, field.Key) };
                    break;
                case "metadata":
                    rule = rule with { Metadata = ReadMap(node, at, field.Key) };
                    break;
                case "execution_count" or "last_execution":
                    // The reference system serializes a rule's runtime state with it; a file cannot set it.
                    Add(IssueSeverity.Info, PolicyIssueCodes.IgnoredField, at, $"'{field.Key}' is runtime state and is not read from policy files", field.KeyLocation,
                        "remove it; the engine's state store counts firings");
                    break;
                default:
                    ReportUnknownKey(field, at, path, s_ruleKeys,
                        s_conditionKeys.Contains(field.Key) ? $"'{field.Key}' belongs to a condition; write it in an item of 'conditions'" : null);
                    break;
            }
        }

        return _errors > errorsBefore || HasParserErrorWithin(path) ? null : new LoadedRule(rule, path, entry.KeyLocation);
    }

    private ValueList<PolicyCondition> ReadConditions(ConfigNode node, string path, string key)
    {
        var items = ReadItems(node, path, key, "conditions");
        var conditions = new List<PolicyCondition>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadCondition(items[i], ConfigPath.Index(path, i)) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return ValueList<PolicyCondition>.From(conditions);
    }

    private PolicyCondition? ReadCondition(ConfigNode node, string path)
    {
        if (node is not ConfigMapping mapping)
        {
            var hint = node is ConfigScalar { Value: string name } && s_conditionTypes.TryParse(name, out _)
                ? $"write it as a mapping: 'type: {name}'"
                : "write the condition as a mapping with a 'type', for example 'type: equals' with 'field' and 'value'";
            AddType(path, node, "a condition (a mapping with a 'type')", hint);
            return null;
        }

        var errorsBefore = _errors;
        var condition = new PolicyCondition();
        PolicyConditionType? type = null;
        foreach (var field in mapping.Entries)
        {
            var at = ConfigPath.Append(path, field.Key);
            var value = field.Value;
            switch (field.Key)
            {
                case "type":
                    if (ReadType(value, at, "condition type", s_conditionTypes, out var parsed))
                    {
                        type = parsed;
                    }

                    break;
                case "field":
                    if (ReadString(value, at, field.Key, out var fieldName))
                    {
                        condition = condition with { Field = fieldName };
                    }

                    break;
                case "value":
                    condition = condition with { Value = ToPlain(value) };
                    break;
                case "values":
                    condition = condition with { Values = ValueList<object?>.From(ReadItems(value, at, field.Key, "values").Select(ToPlain)) };
                    break;
                case "regex_pattern":
                    if (ReadString(value, at, field.Key, out var pattern))
                    {
                        condition = condition with { RegexPattern = pattern };
                    }

                    break;
                case "min_value":
                    if (ReadNumber(value, at, field.Key, nullable: true, out var min))
                    {
                        condition = condition with { MinValue = min };
                    }

                    break;
                case "max_value":
                    if (ReadNumber(value, at, field.Key, nullable: true, out var max))
                    {
                        condition = condition with { MaxValue = max };
                    }

                    break;
                case "start_time":
                    if (ReadString(value, at, field.Key, out var start))
                    {
                        condition = condition with { StartTime = start };
                    }

                    break;
                case "end_time":
                    if (ReadString(value, at, field.Key, out var end))
                    {
                        condition = condition with { EndTime = end };
                    }

                    break;
                case "days":
                    condition = condition with { Days = ReadStringList(value, at, field.Key) };
                    break;
                case "timezone":
                    if (ReadString(value, at, field.Key, out var timezone))
                    {
                        condition = condition with { Timezone = timezone };
                    }

                    break;
                case "rate_limit":
                    if (ReadInt(value, at, field.Key, nullable: true, out var rateLimit))
                    {
                        condition = condition with { RateLimit = rateLimit };
                    }

                    break;
                case "time_window":
                    if (ReadNumber(value, at, field.Key, nullable: true, out var window))
                    {
                        condition = condition with { TimeWindow = window };
                    }

                    break;
                case "probability":
                    if (ReadNumber(value, at, field.Key, nullable: true, out var probability))
                    {
                        condition = condition with { Probability = probability };
                    }

                    break;
                case "sample_by":
                    if (ReadString(value, at, field.Key, out var sampleBy))
                    {
                        condition = condition with { SampleBy = sampleBy };
                    }

                    break;
                case "sub_conditions":
                    condition = condition with { SubConditions = ReadConditions(value, at, field.Key) };
                    break;
                case "negate":
                    if (ReadBool(value, at, field.Key, out var negate))
                    {
                        condition = condition with { Negate = negate };
                    }

                    break;
                default:
                    ReportUnknownKey(field, at, path, s_conditionKeys, null);
                    break;
            }
        }

        if (mapping.Find("type") is null)
        {
            AddError(IssueCodes.Required, ConfigPath.Append(path, "type"), "the condition has no 'type'", mapping.Location,
                "add 'type:' with one of: " + s_conditionTypes.List);
        }

        return _errors > errorsBefore || type is null ? null : condition with { Type = type.Value };
    }

    private ValueList<PolicyAction> ReadActions(ConfigNode node, string path)
    {
        var items = ReadItems(node, path, "actions", "actions");
        var actions = new List<PolicyAction>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadAction(items[i], ConfigPath.Index(path, i)) is { } action)
            {
                actions.Add(action);
            }
        }

        return ValueList<PolicyAction>.From(actions);
    }

    private PolicyAction? ReadAction(ConfigNode node, string path)
    {
        if (node is not ConfigMapping mapping)
        {
            var hint = node is ConfigScalar { Value: string name } && s_actionTypes.TryParse(name, out _)
                ? $"write it as a mapping: 'type: {name}'"
                : "write the action as a mapping with a 'type', for example 'type: create_memory' with 'parameters'";
            AddType(path, node, "an action (a mapping with a 'type')", hint);
            return null;
        }

        var errorsBefore = _errors;
        var action = new PolicyAction();
        PolicyActionType? type = null;
        foreach (var field in mapping.Entries)
        {
            var at = ConfigPath.Append(path, field.Key);
            var value = field.Value;
            switch (field.Key)
            {
                case "type":
                    if (ReadType(value, at, "action type", s_actionTypes, out var parsed))
                    {
                        type = parsed;
                    }

                    break;
                case "parameters":
                    action = action with { Parameters = ReadMap(value, at, field.Key) };
                    break;
                case "condition":
                    switch (value)
                    {
                        case ConfigScalar { Value: null }:
                            break;
                        case ConfigSequence:
                            AddType(at, value, "one condition (a mapping with a 'type')",
                                "an action has one condition; combine several with 'type: composite_and' and 'sub_conditions'");
                            break;
                        default:
                            action = action with { Condition = ReadCondition(value, at) };
                            break;
                    }

                    break;
                case "priority":
                    if (ReadInt(value, at, field.Key, nullable: false, out var priority))
                    {
                        action = action with { Priority = priority!.Value };
                    }

                    break;
                case "retry_count":
                    if (ReadInt(value, at, field.Key, nullable: false, out var retryCount))
                    {
                        action = action with { RetryCount = retryCount!.Value };
                    }

                    break;
                case "retry_delay":
                    if (ReadNumber(value, at, field.Key, nullable: false, out var retryDelay))
                    {
                        action = action with { RetryDelay = retryDelay!.Value };
                    }

                    break;
                case "timeout":
                    if (ReadNumber(value, at, field.Key, nullable: true, out var timeout))
                    {
                        action = action with { Timeout = timeout };
                    }

                    break;
                case "async_execution":
                    Add(IssueSeverity.Info, PolicyIssueCodes.IgnoredField, at, "'async_execution' is accepted for compatibility and ignored; a rule's actions run in priority order",
                        field.KeyLocation, "remove it");
                    break;
                default:
                    ReportUnknownKey(field, at, path, s_actionKeys,
                        s_conditionKeys.Contains(field.Key) ? $"'{field.Key}' belongs to a condition; write it under the action's 'condition'" : null);
                    break;
            }
        }

        if (mapping.Find("type") is null)
        {
            AddError(IssueCodes.Required, ConfigPath.Append(path, "type"), "the action has no 'type'", mapping.Location,
                "add 'type:' with one of: " + s_actionTypes.List);
        }

        return _errors > errorsBefore || type is null ? null : action with { Type = type.Value };
    }

    /// <summary>Reads a required <c>type</c>: an empty value counts as missing.</summary>
    private bool ReadType<T>(ConfigNode node, string path, string what, EnumNames<T> names, out T value)
        where T : struct, Enum
    {
        if (node is ConfigScalar { Value: null })
        {
            value = default;
            AddError(IssueCodes.Required, path, $"the {what} is empty", node.Location, "write one of: " + names.List);
            return false;
        }

        return ReadEnum(node, path, what, names, out value);
    }

    private bool ReadEnum<T>(ConfigNode node, string path, string what, EnumNames<T> names, out T value)
        where T : struct, Enum
    {
        if (node is ConfigScalar { Value: string text })
        {
            if (names.TryParse(text, out value))
            {
                return true;
            }

            var closest = Names.Closest(text, names.All);
            AddError(IssueCodes.Enum, path, $"'{text}' is not a valid {what}; expected one of {names.List}", node.Location,
                closest is null ? "use one of: " + names.List : $"did you mean '{closest}'?");
            return false;
        }

        value = default;
        AddType(path, node, "one of " + names.List, "write one of: " + names.List);
        return false;
    }

    private bool ReadString(ConfigNode node, string path, string key, out string? value)
    {
        value = null;
        switch (node)
        {
            case ConfigScalar { Value: null }:
                return true;
            case ConfigScalar { Value: string text }:
                value = text;
                return true;
            case ConfigScalar scalar:
                AddType(path, node, "a string", $"quote it: {key}: \"{scalar.Text}\"");
                return false;
            default:
                AddType(path, node, "a string", $"write {key} as one string");
                return false;
        }
    }

    private bool ReadBool(ConfigNode node, string path, string key, out bool value)
    {
        if (node is ConfigScalar { Value: bool b })
        {
            value = b;
            return true;
        }

        value = false;
        var hint = node is ConfigScalar { Value: string s } && s.ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n"
            ? $"write true or false; YAML 1.2 reads '{s}' as a string"
            : $"write {key}: true or {key}: false";
        AddType(path, node, "true or false", hint);
        return false;
    }

    private bool ReadInt(ConfigNode node, string path, string key, bool nullable, out int? value)
    {
        value = null;
        switch (node)
        {
            case ConfigScalar { Value: null } when nullable:
                return true;
            case ConfigScalar { Value: long l } when l is >= int.MinValue and <= int.MaxValue:
                value = (int)l;
                return true;
        }

        var expected = nullable ? "a whole number or null" : "a whole number";
        var hint = node switch
        {
            ConfigScalar { Value: long } => $"write a whole number between {int.MinValue} and {int.MaxValue}",
            ConfigScalar { Value: double } => "write a whole number",
            _ => NumberHint(node, key, expected),
        };
        AddType(path, node, expected, hint);
        return false;
    }

    private bool ReadNumber(ConfigNode node, string path, string key, bool nullable, out double? value)
    {
        value = null;
        switch (node)
        {
            case ConfigScalar { Value: null } when nullable:
                return true;
            case ConfigScalar { Value: long l }:
                value = l;
                return true;
            case ConfigScalar { Value: double d } when double.IsFinite(d):
                value = d;
                return true;
        }

        var expected = nullable ? "a number or null" : "a number";
        var hint = node is ConfigScalar { Value: double } ? "write a finite number" : NumberHint(node, key, expected);
        AddType(path, node, expected, hint);
        return false;
    }

    private static string NumberHint(ConfigNode node, string key, string expected) =>
        node is ConfigScalar { Value: string s, IsQuoted: true } && ConfigScalar.ResolvePlain(s) is long or double
            ? $"remove the quotes: {key}: {s}"
            : "write " + expected;

    private ValueList<string> ReadStringList(ConfigNode node, string path, string key)
    {
        var items = ReadItems(node, path, key, "strings");
        var strings = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ConfigScalar { Value: string text })
            {
                strings.Add(text);
            }
            else
            {
                AddType(ConfigPath.Index(path, i), items[i], "a string",
                    items[i] is ConfigScalar { Value: not null } scalar ? $"quote the item: \"{scalar.Text}\"" : "write the item as one string");
            }
        }

        return ValueList<string>.From(strings);
    }

    /// <summary>Returns a list's items; an empty value is an empty list, anything else is reported.</summary>
    private IReadOnlyList<ConfigNode> ReadItems(ConfigNode node, string path, string key, string itemKind)
    {
        switch (node)
        {
            case ConfigSequence sequence:
                return sequence.Items;
            case ConfigScalar { Value: null }:
                return [];
            case ConfigMapping when itemKind is "conditions" or "actions":
                AddType(path, node, $"a list of {itemKind}", $"write {key} as a list: put '- ' before the first field of each item");
                return [];
            default:
                AddType(path, node, itemKind == "strings" ? "a list of strings" : $"a list of {itemKind}",
                    $"write {key} as a list: [first, second] or one '- item' per line");
                return [];
        }
    }

    private ValueMap<object?> ReadMap(ConfigNode node, string path, string key)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                return (ValueMap<object?>)ToPlain(mapping)!;
            case ConfigScalar { Value: null }:
                return ValueMap<object?>.Empty;
            default:
                AddType(path, node, "a mapping", $"write {key} as an indented mapping of names to values");
                return ValueMap<object?>.Empty;
        }
    }

    private static object? ToPlain(ConfigNode node) => node switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigSequence sequence => ValueList<object?>.From(sequence.Items.Select(ToPlain)),
        ConfigMapping mapping => ValueMap<object?>.From(mapping.Entries.Select(e => new KeyValuePair<string, object?>(e.Key, ToPlain(e.Value)))),
        _ => null,
    };

    /// <summary>Whether the parser reported an error inside the rule at <paramref name="rulePath"/>, such as a duplicate key among its fields.</summary>
    /// <remarks>A duplicate of the rule's own key is reported at the rule's path; the parser keeps the first, and so does the loader.</remarks>
    private bool HasParserErrorWithin(string rulePath) =>
        _parserErrors.Any(i =>
            (i.Path.Length > rulePath.Length && i.Path.StartsWith(rulePath, StringComparison.Ordinal) && i.Path[rulePath.Length] is '.' or '[')
            || (i.Path == rulePath && i.Code != IssueCodes.DuplicateKey));

    private void ReportUnknownTopLevelKey(ConfigEntry entry)
    {
        var closest = Names.Closest(entry.Key, s_fileKeys);
        var looksLikeRule = entry.Value is ConfigMapping m && (m.Find("conditions") is not null || m.Find("actions") is not null);
        ReportUnknownKey(entry, entry.Key, string.Empty, s_fileKeys,
            closest is null && looksLikeRule ? $"indent '{entry.Key}' under 'rules:'; every rule goes in the 'rules' mapping" : null);
    }

    private void ReportUnknownKey(ConfigEntry entry, string path, string parentPath, string[] known, string? hint)
    {
        var closest = Names.Closest(entry.Key, known);
        var where = parentPath.Length == 0 ? "at the top level" : "in " + parentPath;
        Add(IssueSeverity.Warning, IssueCodes.UnknownKey, path, $"unknown key '{entry.Key}' {where}", entry.KeyLocation,
            closest is not null ? $"did you mean '{closest}'?" : hint ?? "remove it; the keys here are: " + string.Join(", ", known));
    }

    private void AddType(string path, ConfigNode node, string expected, string suggestion) =>
        AddError(IssueCodes.Type, path, $"expected {expected}, found {node.Describe()}", node.Location, suggestion);

    private void AddError(string code, string path, string message, SourceLocation location, string suggestion) =>
        Add(IssueSeverity.Error, code, path, message, location, suggestion);

    private void Add(IssueSeverity severity, string code, string path, string message, SourceLocation location, string suggestion)
    {
        if (severity == IssueSeverity.Error)
        {
            _errors++;
        }

        _issues.Add(new ValidationIssue(severity, code, path, message) { Location = location, Suggestion = suggestion });
    }

    /// <summary>What one document yielded: its error-free rules and the match mode it set, if any.</summary>
    public sealed record Content(IReadOnlyList<LoadedRule> Rules, (MatchMode Mode, SourceLocation Location)? MatchMode);

    /// <summary>A rule with the path and location of its key, for issues found when merging.</summary>
    public sealed record LoadedRule(PolicyRule Rule, string Path, SourceLocation KeyLocation);

    /// <summary>The YAML names of an enum's values.</summary>
    private sealed class EnumNames<T>
        where T : struct, Enum
    {
        private readonly (string Name, T Value)[] _entries;
        private readonly StringComparison _comparison;

        public EnumNames((string Name, T Value)[] entries, bool ignoreCase)
        {
            _entries = entries;
            _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            All = entries.Select(e => e.Name).ToArray();
            List = string.Join(", ", All);
        }

        public IReadOnlyList<string> All { get; }

        public string List { get; }

        public static EnumNames<T> SnakeCase() =>
            new(Enum.GetValues<T>().Select(v => (Names.ToSnakeCase(v.ToString()), v)).ToArray(), ignoreCase: false);

        public bool TryParse(string text, out T value)
        {
            foreach (var (name, candidate) in _entries)
            {
                if (string.Equals(name, text, _comparison))
                {
                    value = candidate;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }
}
