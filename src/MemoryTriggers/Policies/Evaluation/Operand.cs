using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies;

/// <summary>
/// An expected value, parsed once. Equality rule (docs/policies.md): null matches a missing or null
/// field; booleans equal only booleans; a number equals a number or a string that parses as that
/// number; strings compare ordinally; lists and maps compare structurally.
/// </summary>
internal sealed class Operand
{
    private Operand(object? plain)
    {
        Plain = plain;
        switch (plain)
        {
            case null:
                Kind = ValueKind.Null;
                break;
            case bool b:
                Kind = ValueKind.Boolean;
                Boolean = b;
                break;
            case string s:
                Kind = ValueKind.String;
                Text = s;
                Utf8 = Utf8Text.TryEncode(s);
                HasNumber = ContextValue.TryParseNumber(s, out var parsed);
                Number = parsed;
                break;
            case int or long or double or float or decimal:
                Kind = ValueKind.Number;
                Number = Convert.ToDouble(plain, CultureInfo.InvariantCulture);
                HasNumber = true;
                Text = Number.ToString(CultureInfo.InvariantCulture);
                break;
            case System.Collections.IEnumerable and not System.Collections.IDictionary and not IReadOnlyDictionary<string, object?>:
                Kind = ValueKind.Array;
                break;
            default:
                Kind = ValueKind.Object;
                break;
        }
    }

    public object? Plain { get; }

    public ValueKind Kind { get; }

    public string? Text { get; }

    /// <summary>Gets a string operand's UTF-8 bytes, compared in place with JSON strings (null when not a string, or not well-formed).</summary>
    public byte[]? Utf8 { get; }

    public double Number { get; }

    public bool HasNumber { get; }

    public bool Boolean { get; }

    public static Operand From(object? value) => new(value);

    public bool Matches(in ContextValue actual)
    {
        switch (Kind)
        {
            case ValueKind.Null:
                return !actual.HasValue;
            case ValueKind.Boolean:
                return actual.Kind == ValueKind.Boolean && actual.IsTrue == Boolean;
            case ValueKind.Number:
                return actual.Kind is ValueKind.Number or ValueKind.String && actual.TryGetNumber(out var n) && n == Number;
            case ValueKind.String:
                if (actual.Kind == ValueKind.String)
                {
                    return actual.StringEquals(Text!, Utf8);
                }

                return HasNumber && actual.Kind == ValueKind.Number && actual.TryGetNumber(out var m) && m == Number;
            default:
                return actual.HasValue && Equals(Normalize(actual.ToPlainObject()), Normalize(Plain));
        }
    }

    public override string ToString() => Plain switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => JsonSerializer.Serialize(Normalize(Plain)),
    };

    /// <summary>Brings lists and maps of either origin to ValueList and ValueMap with doubles for numbers, for structural comparison.</summary>
    private static object? Normalize(object? value) => value switch
    {
        null or string or bool => value,
        int or long or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => ValueMap<object?>.From(map.Select(e => new KeyValuePair<string, object?>(e.Key, Normalize(e.Value)))),
        System.Collections.IEnumerable items => ValueList<object?>.From(items.Cast<object?>().Select(Normalize)),
        _ => value,
    };
}
