using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Binding;

/// <summary>
/// Turns a <see cref="ConfigDocument"/> into an immutable <see cref="MemoryTriggerConfig"/>. A value
/// that cannot be read is reported and its default kept, so one pass reports every problem.
/// </summary>
internal sealed class ConfigBinder
{
    private readonly bool _strict;
    private readonly ICollection<ValidationIssue> _issues;

    private ConfigBinder(bool strict, ICollection<ValidationIssue> issues)
    {
        _strict = strict;
        _issues = issues;
    }

    public static MemoryTriggerConfig Bind(ConfigDocument document, bool strict, ICollection<ValidationIssue> issues)
    {
        var binder = new ConfigBinder(strict, issues);
        switch (document.Root)
        {
            case null:
                issues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.EmptyDocument, string.Empty, "the configuration is empty")
                {
                    Suggestion = "start from a preset: memory-config generate --env development",
                    Location = SourceLocation.At(document.SourceName, 1, 1),
                });
                return new MemoryTriggerConfig();
            case ConfigMapping mapping:
                return (MemoryTriggerConfig)binder.BindRecord(typeof(MemoryTriggerConfig), mapping, string.Empty);
            default:
                issues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.NotAMapping, string.Empty, $"the configuration must be a mapping of keys to values, found {document.Root.Describe()}")
                {
                    Suggestion = "write 'key: value' lines at the top level, for example 'environment: development'",
                    Location = document.Root.Location,
                });
                return new MemoryTriggerConfig();
        }
    }

    /// <summary>Converts a scalar node to a field's value, or returns false with a reason.</summary>
    public static bool TryConvertScalar(ConfigField field, ConfigScalar scalar, out object? value)
    {
        value = null;
        switch (field.Kind, scalar.Value)
        {
            case (FieldKind.Boolean, bool b):
                value = b;
                return true;
            case (FieldKind.Integer, long l) when l is >= int.MinValue and <= int.MaxValue:
                value = (int)l;
                return true;
            case (FieldKind.Number, long l):
                value = (double)l;
                return true;
            case (FieldKind.Number, double d) when double.IsFinite(d):
                value = d;
                return true;
            case (FieldKind.String, string s) when field.AllowedValues is null || field.AllowedValues.Contains(s):
                value = s;
                return true;
            case (FieldKind.String, null) when field.IsNullable:
                return true;
            case (FieldKind.Enum, string s):
                return ConfigModel.TryParseEnum(field.ItemType!, s, out value);
            default:
                return false;
        }
    }

    private object BindRecord(Type type, ConfigMapping mapping, string path)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var entry in mapping.Entries)
        {
            var entryPath = ConfigPath.Append(path, entry.Key);
            var field = ConfigModel.Find(type, entry.Key);
            if (field is null)
            {
                ReportUnknownKey(type, entry, entryPath, path);
                continue;
            }

            if (TryBindValue(field, entry.Value, entryPath, out var value))
            {
                field.Property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private bool TryBindValue(ConfigField field, ConfigNode node, string path, out object? value)
    {
        value = null;
        switch (field.Kind)
        {
            case FieldKind.StringList:
                return TryBindStringList(node, path, out value);
            case FieldKind.Section:
                if (node is ConfigScalar { Value: null })
                {
                    value = Activator.CreateInstance(field.ItemType!);
                    return true;
                }

                if (node is ConfigMapping section)
                {
                    value = BindRecord(field.ItemType!, section, path);
                    return true;
                }

                break;
            case FieldKind.SectionMap when node is ConfigMapping map:
                value = SectionMaps.Create(field.ItemType!, map.Entries.Select(e => new KeyValuePair<string, object>(
                    e.Key,
                    e.Value is ConfigMapping record
                        ? BindRecord(field.ItemType!, record, ConfigPath.Append(path, e.Key))
                        : ReportMistyped(Activator.CreateInstance(field.ItemType!)!, "a mapping", e.Value, ConfigPath.Append(path, e.Key)))).ToArray());
                return true;
            case FieldKind.BooleanMap when node is ConfigMapping features:
                value = BindFeatures(features, path);
                return true;
            case FieldKind.AnyMap when node is ConfigMapping settings:
                value = ToPlainValue(settings);
                return true;
            case FieldKind.SectionMap or FieldKind.BooleanMap or FieldKind.AnyMap when node is ConfigScalar { Value: null }:
                return false;
            default:
                if (node is ConfigScalar scalar && TryConvertScalar(field, scalar, out value))
                {
                    return true;
                }

                break;
        }

        ReportWrongType(field, node, path);
        return false;
    }

    private bool TryBindStringList(ConfigNode node, string path, out object? value)
    {
        value = null;
        if (node is ConfigScalar { Value: null })
        {
            value = ValueList<string>.Empty;
            return true;
        }

        if (node is not ConfigSequence sequence)
        {
            AddType(path, node, "a list of strings", "write [first, second] or one '- item' per line");
            return false;
        }

        var items = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ConfigScalar { Value: string text })
            {
                items.Add(text);
            }
            else
            {
                AddType(ConfigPath.Index(path, i), sequence.Items[i], "a string", "quote the item");
            }
        }

        value = ValueList<string>.From(items);
        return true;
    }

    private ValueMap<bool> BindFeatures(ConfigMapping features, string path)
    {
        var given = new List<KeyValuePair<string, bool>>();
        foreach (var entry in features.Entries)
        {
            var entryPath = ConfigPath.Append(path, entry.Key);
            if (!FeatureFlags.All.Contains(entry.Key))
            {
                var closest = Names.Closest(entry.Key, FeatureFlags.All);
                Add(_strict ? IssueSeverity.Error : IssueSeverity.Warning, IssueCodes.UnknownFeature, entryPath, $"unknown feature '{entry.Key}'", entry.KeyLocation,
                    closest is null ? "known features: " + string.Join(", ", FeatureFlags.All) : $"did you mean '{closest}'?");
            }

            if (entry.Value is ConfigScalar { Value: bool on })
            {
                given.Add(new(entry.Key, on));
            }
            else
            {
                AddType(entryPath, entry.Value, "true or false", BooleanHint(entry.Value));
            }
        }

        return FeatureFlags.Defaults.SetRange(given);
    }

    private static object? ToPlainValue(ConfigNode node) => node switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigSequence sequence => ValueList<object?>.From(sequence.Items.Select(ToPlainValue)),
        ConfigMapping mapping => ValueMap<object?>.From(mapping.Entries.Select(e => new KeyValuePair<string, object?>(e.Key, ToPlainValue(e.Value)))),
        _ => null,
    };

    private T ReportMistyped<T>(T fallback, string expected, ConfigNode node, string path)
    {
        AddType(path, node, expected, "write its fields as an indented mapping under its name");
        return fallback;
    }

    private void ReportUnknownKey(Type type, ConfigEntry entry, string path, string parentPath)
    {
        var known = ConfigModel.Fields(type).Select(f => f.Key);
        var closest = Names.Closest(entry.Key, known);
        var where = parentPath.Length == 0 ? "at the top level" : "in " + parentPath;
        var severity = _strict ? IssueSeverity.Error : IssueSeverity.Warning;
        Add(severity, IssueCodes.UnknownKey, path, $"unknown key '{entry.Key}' {where}", entry.KeyLocation,
            closest is null ? "remove it; docs/configuration.md lists every key" : $"did you mean '{closest}'?");
    }

    private void ReportWrongType(ConfigField field, ConfigNode node, string path)
    {
        if (field.Kind == FieldKind.Enum && node is ConfigScalar { Value: string text })
        {
            var names = ConfigModel.EnumNames(field.ItemType!);
            var closest = Names.Closest(text, names);
            Add(IssueSeverity.Error, IssueCodes.Enum, path, $"'{text}' is not a valid {field.Key}; expected {field.Expected}", node.Location,
                closest is null ? $"use one of: {string.Join(", ", names)}" : $"did you mean '{closest}'?");
            return;
        }

        if (field.AllowedValues is { } allowed && node is ConfigScalar { Value: string chosen })
        {
            var closest = Names.Closest(chosen, allowed);
            Add(IssueSeverity.Error, IssueCodes.Enum, path, $"'{chosen}' is not a valid {field.Key}; expected one of {string.Join(", ", allowed)}", node.Location,
                closest is null ? $"use one of: {string.Join(", ", allowed)}" : $"did you mean '{closest}'?{(allowed.All(v => string.Equals(v, v.ToUpperInvariant(), StringComparison.Ordinal)) ? " (values are upper case)" : string.Empty)}");
            return;
        }

        var hint = field.Kind switch
        {
            FieldKind.Boolean => BooleanHint(node),
            FieldKind.Integer or FieldKind.Number when node is ConfigScalar { Value: string s, IsQuoted: true } && ConfigScalar.ResolvePlain(s) is long or double
                => $"remove the quotes: {field.Key}: {s}",
            FieldKind.Integer when node is ConfigScalar { Value: double }
                => $"write a whole number{RangeSuffix(field)}",
            FieldKind.Integer or FieldKind.Number => $"write {field.Expected}{RangeSuffix(field)}",
            FieldKind.String when node is ConfigScalar { Value: not null and not string } scalar => $"quote it: {field.Key}: \"{scalar.Text}\"",
            FieldKind.Section or FieldKind.SectionMap or FieldKind.BooleanMap or FieldKind.AnyMap => $"write {field.Key} as an indented mapping",
            _ => $"write {field.Expected}",
        };
        AddType(path, node, field.Expected, hint);
    }

    private static string RangeSuffix(ConfigField field) => field.RangeText is null ? string.Empty : " " + field.RangeText;

    private static string BooleanHint(ConfigNode node) =>
        node is ConfigScalar { Value: string s } && s.ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n"
            ? $"write true or false; YAML 1.2 reads '{s}' as a string"
            : "write true or false";

    private void AddType(string path, ConfigNode node, string expected, string suggestion) =>
        Add(IssueSeverity.Error, IssueCodes.Type, path, $"expected {expected}, found {node.Describe()}", node.Location, suggestion);

    private void Add(IssueSeverity severity, string code, string path, string message, SourceLocation location, string suggestion) =>
        _issues.Add(new ValidationIssue(severity, code, path, message) { Location = location, Suggestion = suggestion });
}
