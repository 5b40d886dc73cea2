using System.Collections.Concurrent;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Configuration.Binding;

/// <summary>The fields of the configuration records and the YAML names of enum values.</summary>
internal static class ConfigModel
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ConfigField>> s_fields = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> s_enumNames = new();

    public static IReadOnlyList<ConfigField> Fields(Type type) => s_fields.GetOrAdd(type, ConfigField.Read);

    public static ConfigField? Find(Type type, string key)
    {
        foreach (var field in Fields(type))
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Finds the field at a dotted path such as <c>trigger_policies.NAME.enabled</c>; map entries resolve to their map's field.</summary>
    public static ConfigField? FindByPath(string path)
    {
        var type = typeof(MemoryTriggerConfig);
        ConfigField? field = null;
        var segments = ConfigPath.Split(path);
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] is not string key || (field = Find(type, key)) is null)
            {
                return null;
            }

            switch (field.Kind)
            {
                case FieldKind.Section:
                    type = field.ItemType!;
                    break;
                case FieldKind.SectionMap when i + 1 < segments.Count:
                    if (i + 2 == segments.Count)
                    {
                        return field;
                    }

                    type = field.ItemType!;
                    i++;
                    break;
                default:
                    return field;
            }
        }

        return field;
    }

    public static IReadOnlyList<string> EnumNames(Type enumType) =>
        s_enumNames.GetOrAdd(enumType, t => Enum.GetNames(t).Select(Names.ToSnakeCase).ToArray());

    /// <summary>Returns the YAML name of an enum value, such as <c>mem0</c> or <c>production</c>.</summary>
    public static string EnumName(Enum value) => YamlNames.Of(value);

    /// <summary>Parses a YAML enum name exactly (case-sensitive, lower case).</summary>
    public static bool TryParseEnum(Type enumType, string text, out object? value)
    {
        var names = EnumNames(enumType);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], text, StringComparison.Ordinal))
            {
                value = Enum.GetValues(enumType).GetValue(i);
                return true;
            }
        }

        value = null;
        return false;
    }
}
