namespace MemoryTriggers.Configuration.Documents;

/// <summary>A sequence of nodes.</summary>
public sealed class ConfigSequence : ConfigNode
{
    /// <summary>Initializes a new instance of the <see cref="ConfigSequence"/> class.</summary>
    /// <param name="items">The items, in order.</param>
    /// <param name="location">Where the sequence starts.</param>
    public ConfigSequence(IReadOnlyList<ConfigNode> items, SourceLocation location)
        : base(location) => Items = items;

    /// <summary>Gets the items, in order.</summary>
    public IReadOnlyList<ConfigNode> Items { get; }

    /// <inheritdoc />
    public override string Describe() => "a list";
}
