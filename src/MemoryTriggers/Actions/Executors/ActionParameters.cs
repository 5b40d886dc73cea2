using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Internal;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Reads an action's parameters (or a map inside them) with the checks every executor needs; a
/// missing or mistyped value becomes an <see cref="ActionFailedException"/> naming the action and
/// the parameter. Null counts as absent.
/// </summary>
internal sealed class ActionParameters
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly string _prefix;
    private readonly PolicyActionType _type;
    private string? _action;

    private ActionParameters(PolicyActionType type, string? action, IReadOnlyDictionary<string, object?> values, string prefix)
    {
        _type = type;
        _action = action;
        _values = values;
        _prefix = prefix;
    }

    /// <summary>Gets the action's name in snake case, as rules spell it (made when a message needs it, not per action run).</summary>
    public string Action => _action ??= Names.ToSnakeCase(_type.ToString());

    public static ActionParameters Of(ActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ActionParameters(request.Type, null, request.Parameters, string.Empty);
    }

    public static string ActionName(ActionRequest request) => Names.ToSnakeCase(request.Type.ToString());

    /// <summary>Reads a map parameter's entries with the same checks; messages call them <c>map.key</c>.</summary>
    public ActionParameters Nested(string name, ValueMap<object?> map) => new(_type, _action, map, _prefix + name + ".");

    public ActionFailedException Fail(string message) => new($"{Action}: {message}");

    public bool Has(string name) => Get(name) is not null;

    /// <summary>Reads a value of any kind, as a plain object.</summary>
    public object? Plain(string name) => Get(name);

    public string RequiredString(string name)
    {
        var text = OptionalString(name) ?? throw Fail($"the parameter '{_prefix}{name}' is required.");
        return string.IsNullOrWhiteSpace(text) ? throw Fail($"the parameter '{_prefix}{name}' must not be empty.") : text;
    }

    /// <summary>Reads a string; a number is accepted and written invariantly.</summary>
    public string? OptionalString(string name)
    {
        var value = Get(name);
        return value is null ? null : PlainValues.ScalarText(value) ?? throw WrongType(name, "a string", value);
    }

    /// <summary>Reads a number; a string holding an invariant number is accepted.</summary>
    public double? OptionalNumber(string name)
    {
        var value = Get(name);
        switch (value)
        {
            case null:
                return null;
            case long l:
                return l;
            case double d when double.IsFinite(d):
                return d;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                return parsed;
            default:
                throw WrongType(name, "a number", value);
        }
    }

    public double? OptionalScore(string name)
    {
        var score = OptionalNumber(name);
        return score is null or (>= 0 and <= 1) ? score : throw WrongType(name, "a number between 0 and 1", Get(name));
    }

    public int? OptionalCount(string name)
    {
        var number = OptionalNumber(name);
        return number switch
        {
            null => null,
            >= 1 and <= int.MaxValue when number == Math.Floor(number.Value) => (int)number.Value,
            _ => throw WrongType(name, "a whole number of at least 1", Get(name)),
        };
    }

    /// <summary>Reads a list of strings; a single string is a list of one.</summary>
    public ValueList<string>? OptionalStringList(string name)
    {
        var value = Get(name);
        switch (value)
        {
            case null:
                return null;
            case string s:
                return ValueList<string>.From([s]);
            case ValueList<object?> items:
                var texts = new List<string>(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    texts.Add(PlainValues.ScalarText(items[i])
                        ?? throw Fail($"the parameter '{_prefix}{name}' must be a list of strings; item {i} is {PlainValues.Describe(items[i])}."));
                }

                return ValueList<string>.From(texts);
            default:
                throw WrongType(name, "a list of strings or a string", value);
        }
    }

    public ValueMap<object?>? OptionalMap(string name)
    {
        var value = Get(name);
        return value switch
        {
            null => null,
            ValueMap<object?> map => map,
            _ => throw WrongType(name, "a map", value),
        };
    }

    private ActionFailedException WrongType(string name, string expected, object? value) =>
        Fail($"the parameter '{_prefix}{name}' must be {expected}; got {PlainValues.Describe(value)}.");

    private object? Get(string name) => _values.TryGetValue(name, out var value) ? PlainValues.From(value) : null;
}
