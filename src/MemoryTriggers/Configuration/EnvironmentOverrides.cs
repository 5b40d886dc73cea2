using System.Collections;
using System.Globalization;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration;

/// <summary>
/// Applies environment-variable overrides to a parsed configuration: the documented <c>MEMORY_*</c>
/// aliases and <c>MEMORY__SECTION__FIELD</c> for every field. Later sources win: file, then aliases,
/// then the generic form.
/// </summary>
public static class EnvironmentOverrides
{
    /// <summary>The prefix of the generic form, <c>MEMORY__SECTION__FIELD</c>.</summary>
    public const string GenericPrefix = "MEMORY__";

    /// <summary>Gets the documented aliases and the field each one sets.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MEMORY_ENVIRONMENT"] = "environment",
        ["MEMORY_DEBUG_MODE"] = "debug_mode",
        ["MEMORY_TRIGGERS_ENABLED"] = "global_enabled",
        ["MEMORY_CREATE_TIMEOUT"] = "performance.create_timeout",
        ["MEMORY_RECALL_TIMEOUT"] = "performance.recall_timeout",
        ["MEMORY_BATCH_SIZE"] = "performance.batch_size",
        ["MEMORY_MAX_CONCURRENT"] = "performance.max_concurrent_operations",
        ["MEMORY_BACKEND_TYPE"] = "backend.backend_type",
        ["MEMORY_CONNECTION_TIMEOUT"] = "backend.connection_timeout",
    };

    /// <summary>Reads the process environment. Only the command-line tool and hosts should call this; tests pass a dictionary.</summary>
    /// <returns>The variables whose names start with <c>MEMORY_</c>.</returns>
    public static IReadOnlyDictionary<string, string?> FromProcess()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("MEMORY_", StringComparison.Ordinal))
            {
                result[name] = entry.Value as string;
            }
        }

        return result;
    }

    /// <summary>Returns the document with every override in <paramref name="variables"/> applied. Bad values become issues and are not applied.</summary>
    /// <param name="document">The parsed configuration.</param>
    /// <param name="variables">The environment variables; unrelated names are ignored.</param>
    /// <param name="issues">Receives a <see cref="IssueCodes.EnvironmentValue"/> error per bad value and a <see cref="IssueCodes.EnvironmentUnknown"/> warning per unknown <c>MEMORY__</c> name.</param>
    /// <returns>A new document; the input is not changed.</returns>
    public static ConfigDocument Apply(ConfigDocument document, IReadOnlyDictionary<string, string?> variables, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(issues);
        if (document.Root is not ConfigMapping root)
        {
            return document;
        }

        var ordered = variables
            .Where(v => !string.IsNullOrEmpty(v.Value))
            .OrderBy(v => v.Key.StartsWith(GenericPrefix, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(v => v.Key, StringComparer.Ordinal);
        foreach (var (name, text) in ordered)
        {
            var target = Aliases.TryGetValue(name, out var aliasPath) ? Resolve(aliasPath.Split('.'), root, name, issues)
                : name.StartsWith(GenericPrefix, StringComparison.Ordinal) && name.Length > GenericPrefix.Length
                    ? Resolve(name[GenericPrefix.Length..].Split("__"), root, name, issues)
                    : null;
            if (target is null)
            {
                continue;
            }

            var node = Convert(target.Value.Field, target.Value.Kind, text!, name, target.Value.Path, issues);
            if (node is not null)
            {
                root = (ConfigMapping)Set(root, ConfigPath.Split(target.Value.Path), 0, node, SourceLocation.FromVariable(name));
            }
        }

        return new ConfigDocument(document.SourceName, root);
    }

    /// <summary>Parses a boolean the tolerant way: true/false, 1/0, yes/no, on/off, in any case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value, when the text is a boolean.</param>
    /// <returns>Whether the text is a boolean.</returns>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static (string Path, ConfigField? Field, FieldKind Kind)? Resolve(string[] segments, ConfigMapping root, string variable, ICollection<ValidationIssue> issues)
    {
        var type = typeof(MemoryTriggerConfig);
        var path = string.Empty;
        for (var i = 0; i < segments.Length; i++)
        {
            var key = segments[i].ToLowerInvariant();
            var field = ConfigModel.Find(type, key);
            if (field is null)
            {
                var closest = Names.Closest(key, ConfigModel.Fields(type).Select(f => f.Key));
                issues.Add(new ValidationIssue(IssueSeverity.Warning, IssueCodes.EnvironmentUnknown, ConfigPath.Append(path, key), $"{variable} names no configuration field ('{key}' is not a key {(path.Length == 0 ? "at the top level" : "of " + path)})")
                {
                    Location = SourceLocation.FromVariable(variable),
                    Suggestion = closest is null ? "use MEMORY__SECTION__FIELD with the YAML key names, e.g. MEMORY__PERFORMANCE__BATCH_SIZE" : $"did you mean {GenericPrefix}{string.Join("__", segments[..i].Append(closest)).ToUpperInvariant()}?",
                });
                return null;
            }

            path = ConfigPath.Append(path, field.Key);
            var last = i == segments.Length - 1;
            switch (field.Kind)
            {
                case FieldKind.Section when !last:
                    type = field.ItemType!;
                    continue;
                case FieldKind.SectionMap when i + 2 < segments.Length:
                    var name = MatchKey(root, path, segments[i + 1]);
                    path = ConfigPath.Append(path, name);
                    type = field.ItemType!;
                    i++;
                    continue;
                case FieldKind.BooleanMap or FieldKind.AnyMap when i + 2 == segments.Length:
                    return (ConfigPath.Append(path, MatchKey(root, path, segments[i + 1])), null, field.Kind);
                case var _ when last && field.Kind is not (FieldKind.Section or FieldKind.SectionMap or FieldKind.BooleanMap or FieldKind.AnyMap):
                    return (path, field, field.Kind);
            }

            issues.Add(new ValidationIssue(IssueSeverity.Warning, IssueCodes.EnvironmentUnknown, path, $"{variable} must name a single field inside {path}, not the section itself")
            {
                Location = SourceLocation.FromVariable(variable),
                Suggestion = field.Kind == FieldKind.SectionMap
                    ? $"name the entry and field: {GenericPrefix}{string.Join("__", segments[..(i + 1)]).ToUpperInvariant()}__NAME__FIELD"
                    : $"add the field name: {GenericPrefix}{string.Join("__", segments[..(i + 1)]).ToUpperInvariant()}__FIELD",
            });
            return null;
        }

        return null;
    }

    private static string MatchKey(ConfigMapping root, string mapPath, string segment)
    {
        var map = new ConfigDocument(null, root).Find(mapPath) as ConfigMapping;
        return map?.Entries.FirstOrDefault(e => string.Equals(e.Key, segment, StringComparison.OrdinalIgnoreCase))?.Key
            ?? segment.ToLowerInvariant();
    }

    private static ConfigNode? Convert(ConfigField? field, FieldKind kind, string text, string variable, string path, ICollection<ValidationIssue> issues)
    {
        var location = SourceLocation.FromVariable(variable);
        object? value;
        switch (kind)
        {
            case FieldKind.Boolean or FieldKind.BooleanMap:
                value = TryParseBoolean(text, out var b) ? b : null;
                break;
            case FieldKind.Integer:
                value = int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (long)l : null;
                break;
            case FieldKind.Number:
                value = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
                break;
            case FieldKind.Enum:
                value = ConfigModel.EnumNames(field!.ItemType!).FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
                break;
            case FieldKind.StringList:
                var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new ConfigSequence(items.Select(item => (ConfigNode)new ConfigScalar(item, item, true, location)).ToArray(), location);
            case FieldKind.AnyMap:
                return new ConfigScalar(ConfigScalar.ResolvePlain(text), text, false, location);
            default:
                return new ConfigScalar(text, text, true, location);
        }

        if (value is null)
        {
            var expected = kind == FieldKind.BooleanMap ? "true or false" : field!.Expected;
            issues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.EnvironmentValue, path, $"{variable}='{text}' is not valid for {path}: expected {expected}")
            {
                Location = location,
                Suggestion = kind is FieldKind.Boolean or FieldKind.BooleanMap
                    ? $"set {variable} to true/false, 1/0, yes/no or on/off"
                    : $"set {variable} to {expected}, or unset it",
            });
            return null;
        }

        return new ConfigScalar(value, text, false, location);
    }

    private static ConfigNode Set(ConfigNode node, IReadOnlyList<object> segments, int index, ConfigNode value, SourceLocation location)
    {
        if (index == segments.Count)
        {
            return value;
        }

        var mapping = node as ConfigMapping ?? new ConfigMapping([], location);
        var key = (string)segments[index];
        var child = mapping.Find(key)?.Value is ConfigScalar { Value: null } ? null : mapping.Find(key)?.Value;
        if (child is not null and not ConfigMapping && index < segments.Count - 1)
        {
            // The file has a scalar where a section belongs; the binder reports that, so leave it.
            return node;
        }

        return mapping.With(key, location, Set(child ?? new ConfigMapping([], location), segments, index + 1, value, location));
    }
}
