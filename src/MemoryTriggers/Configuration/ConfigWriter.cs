using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Configuration;

/// <summary>Writes a configuration as YAML or JSON in the model's field order, with snake_case keys.</summary>
public static class ConfigWriter
{
    /// <summary>The text that replaces a redacted value.</summary>
    public const string Redacted = "***";

    private static readonly string[] s_secretWords = ["key", "token", "secret", "password", "authorization"];

    /// <summary>Writes a configuration as YAML that <see cref="ConfigurationLoader"/> reads back to an equal configuration (unless redacted).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="options">How to write it.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYaml(MemoryTriggerConfig config, ConfigWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new ConfigWriterOptions();
        var builder = new StringBuilder();
        WriteYamlMapping(builder, ToTree(config, options), 0, string.Empty, options);
        return builder.ToString();
    }

    /// <summary>Writes a configuration as indented JSON; with <see cref="ConfigWriterOptions.Origin"/>, as <c>{"config": …, "origins": {path: origin}}</c>.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="options">How to write it.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(MemoryTriggerConfig config, ConfigWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new ConfigWriterOptions();
        var tree = ToTree(config, options);
        JsonNode output = tree;
        if (options.Origin is { } origin)
        {
            var origins = new JsonObject();
            foreach (var path in LeafPaths(tree, string.Empty))
            {
                origins[path] = origin(path);
            }

            output = new JsonObject { ["config"] = tree, ["origins"] = origins };
        }

        return output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Tells whether a setting's name marks its value as secret.</summary>
    /// <param name="key">The setting's key.</param>
    /// <returns><see langword="true"/> for names such as <c>api_key</c> or <c>password</c>, but not <c>api_key_env</c>.</returns>
    public static bool IsSecretName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lower = key.ToLowerInvariant();
        return !lower.EndsWith("_env", StringComparison.Ordinal) && s_secretWords.Any(lower.Contains);
    }

    private static JsonObject ToTree(MemoryTriggerConfig config, ConfigWriterOptions options)
    {
        var tree = Record(config, options.Minimal ? new MemoryTriggerConfig() : null, typeof(MemoryTriggerConfig), options);
        if (options.Minimal && !tree.ContainsKey("environment"))
        {
            var withEnvironment = new JsonObject { ["environment"] = ConfigModel.EnumName(config.Environment) };
            foreach (var (key, value) in tree.ToArray())
            {
                tree.Remove(key);
                withEnvironment[key] = value;
            }

            return withEnvironment;
        }

        return tree;
    }

    private static JsonObject Record(object record, object? defaults, Type type, ConfigWriterOptions options)
    {
        var result = new JsonObject();
        foreach (var field in ConfigModel.Fields(type))
        {
            var value = field.GetValue(record);
            var baseline = defaults is null ? null : field.GetValue(defaults);
            if (defaults is not null && Equals(value, baseline))
            {
                continue;
            }

            JsonNode? node = field.Kind switch
            {
                FieldKind.Section => Record(value!, baseline, field.ItemType!, options),
                FieldKind.SectionMap => SectionMap(field.ItemType!, value!, options),
                FieldKind.BooleanMap => Features((ValueMap<bool>)value!, defaults is null ? null : (ValueMap<bool>)baseline!),
                FieldKind.AnyMap => Plain(value, options.Redact, field.Key),
                _ => Plain(value, options.Redact, field.Key),
            };
            if (node is JsonObject { Count: 0 } && defaults is not null)
            {
                continue;
            }

            result[field.Key] = node;
        }

        return result;
    }

    private static JsonObject SectionMap(Type itemType, object map, ConfigWriterOptions options)
    {
        var result = new JsonObject();
        var baseline = options.Minimal ? Activator.CreateInstance(itemType) : null;
        foreach (var (name, record) in SectionMaps.Entries(itemType, map))
        {
            result[name] = Record(record, baseline, itemType, options);
        }

        return result;
    }

    private static JsonObject Features(ValueMap<bool> features, ValueMap<bool>? defaults)
    {
        var result = new JsonObject();
        foreach (var (name, on) in features)
        {
            if (defaults is null || !defaults.TryGetValue(name, out var baseline) || baseline != on)
            {
                result[name] = on;
            }
        }

        return result;
    }

    private static JsonNode? Plain(object? value, bool redact, string key) => value switch
    {
        null => null,
        Enum e => JsonValue.Create(ConfigModel.EnumName(e)),
        ValueList<string> list => new JsonArray(list.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()),
        ValueList<object?> list => new JsonArray(list.Select(item => Plain(item, redact, key)).ToArray()),
        ValueMap<object?> map => new JsonObject(map.Select(e => new KeyValuePair<string, JsonNode?>(e.Key,
            redact && IsSecretName(e.Key) && e.Value is not null ? JsonValue.Create(Redacted) : Plain(e.Value, redact, e.Key)))),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(redact && UrlRedaction.IsUrlKey(key) ? UrlRedaction.Redact(s) : s),
        _ => JsonValue.Create(value.ToString()),
    };

    private static IEnumerable<string> LeafPaths(JsonNode? node, string path) => node switch
    {
        JsonObject obj when obj.Count > 0 => obj.SelectMany(e => LeafPaths(e.Value, ConfigPath.Append(path, e.Key))),
        _ => [path],
    };

    private static void WriteYamlMapping(StringBuilder builder, JsonObject mapping, int indent, string path, ConfigWriterOptions options)
    {
        var pad = new string(' ', indent);
        var first = true;
        foreach (var (key, value) in mapping)
        {
            var childPath = ConfigPath.Append(path, key);
            if (options.Comments && !childPath.StartsWith("trigger_policies.", StringComparison.Ordinal)
                && ConfigModel.FindByPath(childPath) is { Description: { } description } field && field.Key == key)
            {
                if (indent == 0 && !first)
                {
                    builder.Append('\n');
                }

                builder.Append(pad).Append("# ").Append(description).Append('\n');
            }

            first = false;
            builder.Append(pad).Append(Key(key)).Append(':');
            if (value is JsonObject { Count: > 0 } child)
            {
                builder.Append(OriginComment(options, childPath, leaf: false)).Append('\n');
                WriteYamlMapping(builder, child, indent + 2, childPath, options);
            }
            else
            {
                builder.Append(' ').Append(Scalar(value)).Append(OriginComment(options, childPath, leaf: true)).Append('\n');
            }
        }
    }

    private static string OriginComment(ConfigWriterOptions options, string path, bool leaf) =>
        leaf && options.Origin is { } origin ? "  # " + origin(path) : string.Empty;

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray array => "[" + string.Join(", ", array.Select(Scalar)) + "]",
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue value when value.TryGetValue<double>(out var d) => FormatDouble(d),
        JsonValue value when value.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<string>(out var s) => Quote(s),
        _ => node.ToJsonString(),
    };

    private static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Key(string key) => Quote(key);

    /// <summary>Writes a string plainly when YAML would read it back as the same string, else double-quoted.</summary>
    private static string Quote(string s)
    {
        var plainIsSafe = s.Length > 0
            && ConfigScalar.ResolvePlain(s) is string
            && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(s[0], StringComparison.Ordinal) < 0
            && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal)
            && !s.Contains(',', StringComparison.Ordinal) && !s.EndsWith(':')
            && s.All(c => !char.IsControl(c));
        return plainIsSafe ? s : JsonSerializer.Serialize(s);
    }
}
