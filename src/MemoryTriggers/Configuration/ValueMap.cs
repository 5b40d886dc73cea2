using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace MemoryTriggers.Configuration;

/// <summary>
/// An immutable map from string keys to values that keeps the order in which keys were given and
/// compares equal to another map with the same entries, in any order.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly ImmutableArray<string> _order;
    private readonly ImmutableDictionary<string, TValue> _entries;

    private ValueMap(ImmutableArray<string> order, ImmutableDictionary<string, TValue> entries)
    {
        _order = order;
        _entries = entries;
    }

    /// <summary>Gets the empty map.</summary>
    public static ValueMap<TValue> Empty { get; } = new(ImmutableArray<string>.Empty, ImmutableDictionary<string, TValue>.Empty);

    /// <inheritdoc />
    public int Count => _order.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _order;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => _order.Select(key => _entries[key]);

    /// <inheritdoc />
    public TValue this[string key] => _entries[key];

    /// <summary>Creates a map from entries; a later entry with the same key replaces an earlier one in place.</summary>
    /// <param name="entries">The entries, in order.</param>
    /// <returns>The map.</returns>
    public static ValueMap<TValue> From(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Empty.SetRange(entries);
    }

    /// <summary>Converts a dictionary into a map, keeping its enumeration order.</summary>
    /// <param name="entries">The entries.</param>
    public static implicit operator ValueMap<TValue>(Dictionary<string, TValue> entries) => From(entries);

    /// <summary>Returns a map with <paramref name="key"/> set to <paramref name="value"/>; a new key goes last.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new map.</returns>
    public ValueMap<TValue> SetItem(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var order = _entries.ContainsKey(key) ? _order : _order.Add(key);
        return new ValueMap<TValue>(order, _entries.SetItem(key, value));
    }

    /// <summary>Returns a map with each of <paramref name="entries"/> set, as by <see cref="SetItem"/>.</summary>
    /// <param name="entries">The entries to set, in order.</param>
    /// <returns>The new map.</returns>
    public ValueMap<TValue> SetRange(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var order = _order.ToBuilder();
        var map = _entries.ToBuilder();
        foreach (var (key, value) in entries)
        {
            if (!map.ContainsKey(key))
            {
                order.Add(key);
            }

            map[key] = value;
        }

        return new ValueMap<TValue>(order.ToImmutable(), map.ToImmutable());
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool Equals(ValueMap<TValue>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _entries)
        {
            if (!other._entries.TryGetValue(key, out var theirs) || !EqualityComparer<TValue>.Default.Equals(value, theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _entries)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() =>
        _order.Select(key => new KeyValuePair<string, TValue>(key, _entries[key])).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", this.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
