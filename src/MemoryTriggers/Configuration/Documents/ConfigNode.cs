namespace MemoryTriggers.Configuration.Documents;

/// <summary>A node of a parsed YAML document, with the place it came from.</summary>
public abstract class ConfigNode
{
    private protected ConfigNode(SourceLocation location) => Location = location;

    /// <summary>Gets where the node came from.</summary>
    public SourceLocation Location { get; }

    /// <summary>Gets a short description of the node's kind for messages ("a mapping", "the string \"x\"").</summary>
    public abstract string Describe();
}
