namespace MemoryTriggers.Configuration.Documents;

/// <summary>A mapping of string keys to nodes, in the order written.</summary>
public sealed class ConfigMapping : ConfigNode
{
    /// <summary>Initializes a new instance of the <see cref="ConfigMapping"/> class.</summary>
    /// <param name="entries">The entries, in order, with unique keys.</param>
    /// <param name="location">Where the mapping starts.</param>
    public ConfigMapping(IReadOnlyList<ConfigEntry> entries, SourceLocation location)
        : base(location) => Entries = entries;

    /// <summary>Gets the entries, in order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>Finds the entry with a key, comparing ordinally.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public ConfigEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Returns a mapping with <paramref name="key"/> set to <paramref name="value"/>, in place or appended.</summary>
    /// <param name="key">The key.</param>
    /// <param name="keyLocation">Where the key comes from, when it is new.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new mapping.</returns>
    public ConfigMapping With(string key, SourceLocation keyLocation, ConfigNode value)
    {
        var entries = new List<ConfigEntry>(Entries.Count + 1);
        var replaced = false;
        foreach (var entry in Entries)
        {
            if (!replaced && string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                entries.Add(entry with { Value = value });
                replaced = true;
            }
            else
            {
                entries.Add(entry);
            }
        }

        if (!replaced)
        {
            entries.Add(new ConfigEntry(key, keyLocation, value));
        }

        return new ConfigMapping(entries, Location);
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}
