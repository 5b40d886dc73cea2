using System.Collections;
using System.Collections.Immutable;

namespace MemoryTriggers.Configuration;

/// <summary>An immutable list that compares equal to another list with the same items in the same order.</summary>
/// <typeparam name="T">The item type.</typeparam>
[System.Runtime.CompilerServices.CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    private ValueList(ImmutableArray<T> items) => _items = items;

    /// <summary>Gets the empty list.</summary>
    public static ValueList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> From(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        return array.IsEmpty ? Empty : new ValueList<T>(array);
    }

    /// <summary>Converts an array into a list.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator ValueList<T>(T[] items) => From(items);

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
