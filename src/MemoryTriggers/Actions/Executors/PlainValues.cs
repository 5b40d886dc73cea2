using System.Collections;
using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Actions.Executors;

/// <summary>Converts parameter values to plain objects: string, long, double, bool, null, ValueList and ValueMap.</summary>
internal static class PlainValues
{
    public static object? From(object? value) => value switch
    {
        null or string or bool or long or double => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or decimal or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        JsonElement json => Internal.PlainJson.Read(json),
        ValueMap<object?> or ValueList<object?> => value,
        IReadOnlyDictionary<string, object?> map => ValueMap<object?>.From(map.Select(e => new KeyValuePair<string, object?>(e.Key, From(e.Value)))),
        IDictionary<string, object?> map => ValueMap<object?>.From(map.Select(e => new KeyValuePair<string, object?>(e.Key, From(e.Value)))),
        IDictionary map => ValueMap<object?>.From(map.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(
            Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, From(e.Value)))),
        IEnumerable items => ValueList<object?>.From(items.Cast<object?>().Select(From)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Names a value's kind for messages: a quoted string, a number, or "a list", "a map".</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        bool b => b ? "true" : "false",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> => "a map",
        _ => "a list",
    };

    /// <summary>Converts a string or a number to text; other values give null.</summary>
    public static string? ScalarText(object? value) => value switch
    {
        string s => s,
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };
}
