using MemoryTriggers.Internal;

namespace MemoryTriggers.Configuration.Documents;

/// <summary>A parsed YAML document whose nodes remember where they came from.</summary>
public sealed class ConfigDocument
{
    /// <summary>Initializes a new instance of the <see cref="ConfigDocument"/> class.</summary>
    /// <param name="sourceName">The file or source name, used in locations.</param>
    /// <param name="root">The root node, or <see langword="null"/> for an empty document.</param>
    public ConfigDocument(string? sourceName, ConfigNode? root)
    {
        SourceName = sourceName;
        Root = root;
    }

    /// <summary>Gets the file or source name.</summary>
    public string? SourceName { get; }

    /// <summary>Gets the root node, or <see langword="null"/> for an empty document.</summary>
    public ConfigNode? Root { get; }

    /// <summary>Finds the node at a dotted path such as <c>performance.batch_size</c> or <c>monitoring.alert_channels[1]</c>.</summary>
    /// <param name="path">The path; empty for the root.</param>
    /// <returns>The node, or <see langword="null"/> when nothing is there.</returns>
    public ConfigNode? Find(string path) => Find(ConfigPath.Split(path), out _, out _);

    /// <summary>Finds where the value at <paramref name="path"/>, or else its nearest written ancestor, is written.</summary>
    /// <param name="path">The dotted path.</param>
    /// <returns>The location; <see cref="SourceLocation.Default"/> when the document is empty.</returns>
    public SourceLocation Locate(string path)
    {
        var segments = ConfigPath.Split(path);
        var node = Find(segments, out var deepest, out var deepestEntry);
        return node?.Location ?? deepestEntry?.KeyLocation ?? deepest?.Location ?? SourceLocation.Default;
    }

    /// <summary>Finds where the key of the value at <paramref name="path"/> is written.</summary>
    /// <param name="path">The dotted path of a mapping entry.</param>
    /// <returns>The key's location, or <see langword="null"/> when the entry does not exist.</returns>
    public SourceLocation? LocateKey(string path)
    {
        var segments = ConfigPath.Split(path);
        return segments.Count > 0 && segments[^1] is string key && Find(segments.Take(segments.Count - 1).ToArray(), out _, out _) is ConfigMapping parent
            ? parent.Find(key)?.KeyLocation
            : null;
    }

    /// <summary>Walks the path; <paramref name="deepest"/> is the last node reached and <paramref name="deepestEntry"/> the mapping entry holding it, for locating absent values.</summary>
    private ConfigNode? Find(IReadOnlyList<object> segments, out ConfigNode? deepest, out ConfigEntry? deepestEntry)
    {
        deepest = Root;
        deepestEntry = null;
        var node = Root;
        for (var i = 0; i < segments.Count; i++)
        {
            ConfigEntry? entry = null;
            var next = (node, segments[i]) switch
            {
                (ConfigMapping mapping, string key) => (entry = mapping.Find(key))?.Value,
                (ConfigSequence sequence, int index) when index >= 0 && index < sequence.Items.Count => sequence.Items[index],
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            node = next;
            deepest = next;
            deepestEntry = entry ?? deepestEntry;
        }

        return node;
    }
}
