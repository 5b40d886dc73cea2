using System.Globalization;

namespace MemoryTriggers.Policies;

/// <summary>
/// The conditions that test one field: equals, not_equals, contains, not_contains, greater_than,
/// less_than, between, in_list, not_in_list, exists, not_exists. A field that is missing or null
/// makes the positive tests false and their negated forms true.
/// </summary>
internal sealed class FieldCondition : CompiledCondition
{
    private readonly FieldPath _field;
    private readonly Operand _value;
    private readonly Operand[] _values;
    private readonly double _min;
    private readonly double _max;
    private readonly PolicyConditionType _type;

    // in_list / not_in_list against a string: the list's strings as sets (by string, and by UTF-8 for JSON strings
    // without escapes) and the other operands, which a string can still equal (a number equals a numeric string).
    private readonly HashSet<string>? _listStrings;
    private readonly Utf8KeyTable<bool>? _listUtf8;
    private readonly Operand[] _listOthers = [];

    public FieldCondition(PolicyCondition source, string path, FieldPath field)
        : base(source, path)
    {
        _field = field;
        _type = source.Type;
        _value = Operand.From(source.Value);
        _values = source.Values.Select(Operand.From).ToArray();
        _min = source.MinValue ?? double.NegativeInfinity;
        _max = source.MaxValue ?? double.PositiveInfinity;
        if (_type is PolicyConditionType.InList or PolicyConditionType.NotInList)
        {
            var strings = _values.Where(v => v.Kind == ValueKind.String).ToArray();
            _listStrings = new HashSet<string>(strings.Select(v => v.Text!), StringComparer.Ordinal);
            _listOthers = [.. _values.Where(v => v.Kind != ValueKind.String)];
            if (strings.All(v => v.Utf8 is not null))
            {
                _listUtf8 = new Utf8KeyTable<bool>(strings.Select(v => new KeyValuePair<byte[], bool>(v.Utf8!, true)));
            }
        }
    }

    public FieldPath Field => _field;

    /// <inheritdoc/>
    public override int Cost => _type is PolicyConditionType.Contains or PolicyConditionType.NotContains ? 3 : 1;

    /// <summary>Gets the expected value of an equality, for the rule index.</summary>
    public Operand Value => _value;

    protected override bool Test(ref EvalScope scope)
    {
        var actual = scope.Resolve(_field);
        return _type switch
        {
            PolicyConditionType.Equals => _value.Matches(actual),
            PolicyConditionType.NotEquals => !_value.Matches(actual),
            PolicyConditionType.Contains => Contains(actual),
            PolicyConditionType.NotContains => !Contains(actual),
            PolicyConditionType.GreaterThan => _value.HasNumber && actual.TryGetNumber(out var g) && g > _value.Number,
            PolicyConditionType.LessThan => _value.HasNumber && actual.TryGetNumber(out var l) && l < _value.Number,
            PolicyConditionType.Between => actual.TryGetNumber(out var b) && b >= _min && b <= _max,
            PolicyConditionType.InList => InList(actual),
            PolicyConditionType.NotInList => !InList(actual),
            PolicyConditionType.Exists => actual.HasValue,
            PolicyConditionType.NotExists => !actual.HasValue,
            _ => false,
        };
    }

    protected override (string? Actual, string? Expected) Describe(ref EvalScope scope)
    {
        var actual = scope.Resolve(_field).ToString();
        var expected = Source.Type switch
        {
            PolicyConditionType.Between => string.Create(CultureInfo.InvariantCulture, $"[{Source.MinValue}, {Source.MaxValue}]"),
            PolicyConditionType.InList or PolicyConditionType.NotInList => "[" + string.Join(", ", _values.Select(v => v.ToString())) + "]",
            PolicyConditionType.Exists or PolicyConditionType.NotExists => null,
            _ => _value.ToString(),
        };
        return (actual, expected);
    }

    private bool Contains(in ContextValue actual)
    {
        switch (actual.Kind)
        {
            case ValueKind.String when _value.Text is { } needle:
                if (actual.ClrString is { } text)
                {
                    return text.Contains(needle, StringComparison.Ordinal);
                }

                // Ordinal substring search on well-formed text is the same on UTF-8 bytes as on UTF-16 chars.
                if (_value.Utf8 is { } utf8 && actual.TryGetJsonUtf8(out var bytes))
                {
                    return bytes.IndexOf(utf8) >= 0;
                }

                return actual.TestString(needle, static (n, chars) => chars.Contains(n, StringComparison.Ordinal));
            case ValueKind.Array:
                return actual.AnyItem(_value, static (value, item) => value.Matches(item));
            case ValueKind.Object when _value.Text is { } key:
                return actual.HasMember(key);
            default:
                return false;
        }
    }

    private bool InList(in ContextValue actual)
    {
        if (actual.Kind == ValueKind.String && _listStrings is not null)
        {
            return InStringList(actual);
        }

        foreach (var value in _values)
        {
            if (value.Matches(actual))
            {
                return true;
            }
        }

        return false;
    }

    private bool InStringList(in ContextValue actual)
    {
        bool found;
        if (actual.ClrString is { } text)
        {
            found = _listStrings!.Contains(text);
        }
        else if (_listUtf8 is not null && actual.TryGetJsonUtf8(out var utf8))
        {
            found = _listUtf8.ContainsKey(utf8);
        }
        else
        {
            found = false;
            foreach (var value in _values)
            {
                if (value.Kind == ValueKind.String && value.Matches(actual))
                {
                    found = true;
                    break;
                }
            }
        }

        if (found)
        {
            return true;
        }

        foreach (var value in _listOthers)
        {
            if (value.Matches(actual))
            {
                return true;
            }
        }

        return false;
    }
}
