using System.Collections;
using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Policies;

/// <summary>
/// A value read from a context, without copying: a reference to the CLR object or the JsonElement
/// it came from, with its JSON-like kind. Reading never allocates except where noted.
/// </summary>
internal readonly struct ContextValue
{
    private readonly object? _object;
    private readonly JsonElement _json;
    private readonly bool _isJson;

    // A JSON string whose raw text has escape sequences (so its raw bytes are not its text); found once per value.
    private readonly bool _escaped;
    private readonly double _number;

    private ContextValue(ValueKind kind, object? value, JsonElement json, bool isJson, double number, bool escaped = false)
    {
        Kind = kind;
        _object = value;
        _json = json;
        _isJson = isJson;
        _number = number;
        _escaped = escaped;
    }

    public static ContextValue Missing => default;

    public ValueKind Kind { get; }

    public bool HasValue => Kind is not (ValueKind.Missing or ValueKind.Null);

    public static ContextValue From(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => new(ValueKind.Null, null, json, true, 0),
        JsonValueKind.True or JsonValueKind.False => new(ValueKind.Boolean, null, json, true, 0),
        JsonValueKind.Number => new(ValueKind.Number, null, json, true, json.GetDouble()),
        JsonValueKind.String => new(ValueKind.String, null, json, true, 0, System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(json).IndexOf((byte)'\\') >= 0),
        JsonValueKind.Array => new(ValueKind.Array, null, json, true, 0),
        _ => new(ValueKind.Object, null, json, true, 0),
    };

    public static ContextValue From(object? value) => value switch
    {
        null => new(ValueKind.Null, null, default, false, 0),
        string s => new(ValueKind.String, s, default, false, 0),
        bool b => new(ValueKind.Boolean, b ? True : False, default, false, 0),
        int i => new(ValueKind.Number, null, default, false, i),
        long l => new(ValueKind.Number, null, default, false, l),
        double d => new(ValueKind.Number, null, default, false, d),
        float f => new(ValueKind.Number, null, default, false, f),
        decimal m => new(ValueKind.Number, null, default, false, (double)m),
        short or byte or sbyte or ushort or uint or ulong => new(ValueKind.Number, null, default, false, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        JsonElement json => From(json),
        IReadOnlyDictionary<string, object?> or IDictionary<string, object?> or IDictionary => new(ValueKind.Object, value, default, false, 0),
        IEnumerable => new(ValueKind.Array, value, default, false, 0),
        _ => new(ValueKind.String, Convert.ToString(value, CultureInfo.InvariantCulture), default, false, 0),
    };

    private static readonly object True = true;
    private static readonly object False = false;

    public bool IsTrue => Kind == ValueKind.Boolean && (_isJson ? _json.ValueKind == JsonValueKind.True : ReferenceEquals(_object, True) || _object is true);

    /// <summary>Gets the value as a number: numbers, and strings that parse as invariant numbers. Booleans are not numbers.</summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case ValueKind.Number:
                number = _number;
                return true;
            case ValueKind.String when _isJson:
                return TryParseJsonNumber(out number);
            case ValueKind.String:
                return TryParseNumber((string)_object!, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>
    /// Compares a string value with <paramref name="text"/> ordinally; a JSON string is compared as UTF-8 with
    /// <paramref name="utf8"/> (the same text, encoded once), or with <paramref name="text"/> when that is null.
    /// </summary>
    public bool StringEquals(string text, byte[]? utf8 = null) =>
        Kind == ValueKind.String && (_isJson
            ? utf8 is null ? _json.ValueEquals(text) : _json.ValueEquals(utf8)
            : string.Equals((string)_object!, text, StringComparison.Ordinal));

    /// <summary>Gets a JSON string's UTF-8 bytes in place, when it has no escape sequences (so the bytes are the text).</summary>
    public bool TryGetJsonUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (Kind == ValueKind.String && _isJson && !_escaped)
        {
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_json);
            utf8 = raw[1..^1];
            return true;
        }

        utf8 = default;
        return false;
    }

    /// <summary>Gets the JSON object of an object value that came from JSON.</summary>
    public bool TryGetJsonObject(out JsonElement json)
    {
        json = _json;
        return Kind == ValueKind.Object && _isJson;
    }

    /// <summary>Gets a CLR string value (not a JSON one) without copying.</summary>
    public string? ClrString => Kind == ValueKind.String && !_isJson ? (string)_object! : null;

    /// <summary>Copies a string value into <paramref name="destination"/> without allocating; false when it does not fit, is not a string, or a JSON string has escapes.</summary>
    public bool TryCopyString(Span<char> destination, out int written)
    {
        written = 0;
        if (Kind != ValueKind.String)
        {
            return false;
        }

        if (!_isJson)
        {
            var text = (string)_object!;
            text.AsSpan().CopyTo(destination[..Math.Min(text.Length, destination.Length)]);
            written = text.Length;
            return text.Length <= destination.Length;
        }

        if (_escaped)
        {
            return false;
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_json);

        return System.Text.Encoding.UTF8.TryGetChars(raw[1..^1], destination, out written);
    }

    /// <summary>Runs <paramref name="test"/> on a string value's characters without allocating (a stack or pooled buffer for JSON strings).</summary>
    public bool TestString<TState>(TState state, StringSpanTest<TState> test)
    {
        if (Kind != ValueKind.String)
        {
            return false;
        }

        if (!_isJson)
        {
            return test(state, ((string)_object!).AsSpan());
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_json);
        if (raw.Length > 1024 || _escaped)
        {
            return test(state, _json.GetString().AsSpan());
        }

        Span<char> buffer = stackalloc char[1024];
        var length = System.Text.Encoding.UTF8.GetChars(raw[1..^1], buffer);
        return test(state, buffer[..length]);
    }

    /// <summary>Gets a string value; JSON strings allocate here.</summary>
    public string? GetString() => Kind != ValueKind.String ? null : _isJson ? _json.GetString() : (string)_object!;

    /// <summary>Gets the value as text for keys and hashing: strings as they are, numbers invariant, booleans lower case.</summary>
    public string? ToKeyText() => Kind switch
    {
        ValueKind.String => GetString(),
        ValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Boolean => IsTrue ? "true" : "false",
        ValueKind.Array or ValueKind.Object => JsonSerializer.Serialize(ToPlainObject()),
        _ => null,
    };

    /// <summary>Reads a member of an object value.</summary>
    public ContextValue Member(string name) => Member(name, null);

    /// <summary>Reads a member of an object value; a JSON object is searched by <paramref name="utf8Name"/> (the same name, encoded once) when given.</summary>
    public ContextValue Member(string name, byte[]? utf8Name)
    {
        if (Kind != ValueKind.Object)
        {
            return Missing;
        }

        if (_isJson)
        {
            var found = utf8Name is null ? _json.TryGetProperty(name, out var property) : _json.TryGetProperty(utf8Name, out property);
            return found ? From(property) : Missing;
        }

        return _object switch
        {
            IReadOnlyDictionary<string, object?> map => map.TryGetValue(name, out var v) ? From(v) : Missing,
            IDictionary<string, object?> map => map.TryGetValue(name, out var v) ? From(v) : Missing,
            IDictionary map => map.Contains(name) ? From(map[name]) : Missing,
            _ => Missing,
        };
    }

    /// <summary>Reads an item of an array value.</summary>
    public ContextValue Item(int index)
    {
        if (Kind != ValueKind.Array || index < 0)
        {
            return Missing;
        }

        if (_isJson)
        {
            return index < _json.GetArrayLength() ? From(_json[index]) : Missing;
        }

        return _object switch
        {
            IReadOnlyList<object?> list => index < list.Count ? From(list[index]) : Missing,
            IList list => index < list.Count ? From(list[index]) : Missing,
            IEnumerable items => ItemOf(items, index),
            _ => Missing,
        };
    }

    /// <summary>Calls <paramref name="match"/> on each item of an array value until it returns true.</summary>
    public bool AnyItem<TState>(TState state, Func<TState, ContextValue, bool> match)
    {
        if (Kind != ValueKind.Array)
        {
            return false;
        }

        if (_isJson)
        {
            foreach (var item in _json.EnumerateArray())
            {
                if (match(state, From(item)))
                {
                    return true;
                }
            }

            return false;
        }

        if (_object is IReadOnlyList<object?> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (match(state, From(list[i])))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var item in (IEnumerable)_object!)
        {
            if (match(state, From(item)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tells whether an object value has a key.</summary>
    public bool HasMember(string name) => Member(name).Kind != ValueKind.Missing;

    /// <summary>Converts to plain objects: string, double or long, bool, null, ValueList, ValueMap.</summary>
    public object? ToPlainObject()
    {
        switch (Kind)
        {
            case ValueKind.Missing or ValueKind.Null:
                return null;
            case ValueKind.Boolean:
                return IsTrue;
            case ValueKind.Number:
                return _number == Math.Floor(_number) && Math.Abs(_number) < 9e15 ? (long)_number : (object)_number;
            case ValueKind.String:
                return GetString();
            case ValueKind.Array:
                var items = new List<object?>();
                AnyItem(items, static (list, item) =>
                {
                    list.Add(item.ToPlainObject());
                    return false;
                });
                return ValueList<object?>.From(items);
            default:
                return ValueMap<object?>.From(Members().Select(m => new KeyValuePair<string, object?>(m.Key, m.Value.ToPlainObject())));
        }
    }

    private IEnumerable<KeyValuePair<string, ContextValue>> Members()
    {
        if (_isJson)
        {
            foreach (var property in _json.EnumerateObject())
            {
                yield return new(property.Name, From(property.Value));
            }

            yield break;
        }

        switch (_object)
        {
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    yield return new(key, From(value));
                }

                break;
            case IDictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    yield return new(key, From(value));
                }

                break;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    yield return new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, From(entry.Value));
                }

                break;
        }
    }

    public override string ToString() => Kind switch
    {
        ValueKind.Missing => "(missing)",
        ValueKind.Null => "null",
        ValueKind.String => "\"" + GetString() + "\"",
        _ => ToKeyText() ?? string.Empty,
    };

    public static bool TryParseNumber(string? text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    public static bool TryParseNumber(ReadOnlySpan<char> text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>Parses a JSON string as a number like <see cref="TryParseNumber(string?, out double)"/>, through a stack copy when it fits.</summary>
    private bool TryParseJsonNumber(out double number)
    {
        Span<char> buffer = stackalloc char[64];
        return TryCopyString(buffer, out var length) ? TryParseNumber(buffer[..length], out number) : TryParseNumber(_json.GetString(), out number);
    }

    private static ContextValue ItemOf(IEnumerable items, int index)
    {
        var i = 0;
        foreach (var item in items)
        {
            if (i++ == index)
            {
                return From(item);
            }
        }

        return Missing;
    }
}
