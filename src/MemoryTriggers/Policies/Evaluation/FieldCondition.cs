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

    public FieldCondition(PolicyCondition source, string path, FieldPath field)
        : base(source, path)
    {
        _field = field;
        _value = Operand.From(source.Value);
        _values = source.Values.Select(Operand.From).ToArray();
        _min = source.MinValue ?? double.NegativeInfinity;
        _max = source.MaxValue ?? double.PositiveInfinity;
    }

    public FieldPath Field => _field;

    /// <summary>Gets the expected value of an equality, for the rule index.</summary>
    public Operand Value => _value;

    protected override bool Test(ref EvalScope scope)
    {
        var actual = _field.Resolve(scope.Context);
        return Source.Type switch
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
        var actual = _field.Resolve(scope.Context).ToString();
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
                return actual.TestString(needle, static (n, text) => text.Contains(n, StringComparison.Ordinal));
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
        foreach (var value in _values)
        {
            if (value.Matches(actual))
            {
                return true;
            }
        }

        return false;
    }
}
