namespace MemoryTriggers.Configuration;

/// <summary>Creates <see cref="ValueList{T}"/> instances; lets collection expressions (<c>[a, b]</c>) build them.</summary>
public static class ValueList
{
    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.From(items.ToArray());
}
