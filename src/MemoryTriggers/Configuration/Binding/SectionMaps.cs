using System.Reflection;

namespace MemoryTriggers.Configuration.Binding;

/// <summary>Builds and reads the <see cref="ValueMap{TValue}"/> of a section-map field whatever its record type (trigger policies, alert channels).</summary>
internal static class SectionMaps
{
    private static readonly MethodInfo s_create = typeof(SectionMaps).GetMethod(nameof(CreateTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_entries = typeof(SectionMaps).GetMethod(nameof(EntriesTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Creates a <c>ValueMap&lt;itemType&gt;</c> from entries whose values are records of <paramref name="itemType"/>.</summary>
    public static object Create(Type itemType, IEnumerable<KeyValuePair<string, object>> entries) =>
        s_create.MakeGenericMethod(itemType).Invoke(null, [entries])!;

    /// <summary>Reads the entries of a <c>ValueMap&lt;itemType&gt;</c> as untyped records.</summary>
    public static IEnumerable<KeyValuePair<string, object>> Entries(Type itemType, object map) =>
        (IEnumerable<KeyValuePair<string, object>>)s_entries.MakeGenericMethod(itemType).Invoke(null, [map])!;

    private static ValueMap<T> CreateTyped<T>(IEnumerable<KeyValuePair<string, object>> entries) =>
        ValueMap<T>.From(entries.Select(e => new KeyValuePair<string, T>(e.Key, (T)e.Value)));

    private static KeyValuePair<string, object>[] EntriesTyped<T>(ValueMap<T> map)
        where T : notnull =>
        map.Select(e => new KeyValuePair<string, object>(e.Key, e.Value)).ToArray();
}
