namespace MemoryTriggers.Compare.Generation;

/// <summary>A generated JSON object: fields in a fixed order, each a string, an integer or a nested object.</summary>
internal sealed class EventNode
{
    private readonly List<KeyValuePair<string, object>> _fields = [];

    /// <summary>Gets the fields in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Fields => _fields;

    /// <summary>Appends a field (a string, a long or an <see cref="EventNode"/>) and returns this node.</summary>
    public EventNode Add(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (string or long or EventNode))
        {
            throw new ArgumentException($"unsupported value type {value.GetType().Name}", nameof(value));
        }

        _fields.Add(new(name, value));
        return this;
    }
}
