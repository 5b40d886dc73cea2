using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Configuration.Binding;

/// <summary>One field of a configuration record: its YAML key, shape and constraints, read once from the type.</summary>
internal sealed class ConfigField
{
    private ConfigField(PropertyInfo property)
    {
        Property = property;
        Key = Names.ToSnakeCase(property.Name);
        var type = property.PropertyType;
        IsNullable = new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
        (Kind, ItemType) = type switch
        {
            _ when type == typeof(bool) => (FieldKind.Boolean, null),
            _ when type == typeof(int) => (FieldKind.Integer, null),
            _ when type == typeof(double) => (FieldKind.Number, null),
            _ when type == typeof(string) => (FieldKind.String, null),
            _ when type.IsEnum => (FieldKind.Enum, type),
            _ when type == typeof(ValueList<string>) => (FieldKind.StringList, typeof(string)),
            _ when type == typeof(ValueMap<bool>) => (FieldKind.BooleanMap, typeof(bool)),
            _ when type == typeof(ValueMap<object?>) => (FieldKind.AnyMap, typeof(object)),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueMap<>) => (FieldKind.SectionMap, type.GetGenericArguments()[0]),
            _ when type.IsClass => (FieldKind.Section, type),
            _ => throw new NotSupportedException($"{property.DeclaringType?.Name}.{property.Name} has an unsupported type {type.Name}"),
        };
        Range = property.GetCustomAttribute<RangeAttribute>();
        Pattern = property.GetCustomAttribute<RegularExpressionAttribute>()?.Pattern;
        AllowedValues = property.GetCustomAttribute<AllowedValuesAttribute>()?.Values.Select(v => (string)v!).ToArray();
        Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
    }

    public PropertyInfo Property { get; }

    public string Key { get; }

    public FieldKind Kind { get; }

    /// <summary>Gets the enum type, the section type, or the item type of a list or map.</summary>
    public Type? ItemType { get; }

    public bool IsNullable { get; }

    public RangeAttribute? Range { get; }

    public string? Pattern { get; }

    public IReadOnlyList<string>? AllowedValues { get; }

    public string? Description { get; }

    public bool IsScalar => Kind is FieldKind.Boolean or FieldKind.Integer or FieldKind.Number or FieldKind.String or FieldKind.Enum;

    /// <summary>Gets the type's name as messages say it: "an integer", "true or false".</summary>
    public string Expected => Kind switch
    {
        FieldKind.Boolean => "true or false",
        FieldKind.Integer => "a whole number",
        FieldKind.Number => "a number",
        FieldKind.String => IsNullable ? "a string or null" : "a string",
        FieldKind.Enum => "one of " + string.Join(", ", ConfigModel.EnumNames(ItemType!)),
        FieldKind.StringList => "a list of strings",
        FieldKind.BooleanMap => "a mapping of names to true or false",
        _ => "a mapping",
    };

    /// <summary>Gets the allowed range as text, such as "between 1 and 1000", or null.</summary>
    public string? RangeText => Range is null ? null
        : string.Create(CultureInfo.InvariantCulture, $"between {Range.Minimum} and {Range.Maximum}");

    public object? GetValue(object instance) => Property.GetValue(instance);

    public static IReadOnlyList<ConfigField> Read(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .Select(p => new ConfigField(p))
            .ToArray();
}
