using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;

namespace MemoryTriggers.Policies;

/// <summary>An immutable set of rules, with the documents they came from for locating issues.</summary>
public sealed record PolicySet
{
    /// <summary>Gets the empty set.</summary>
    public static PolicySet Empty { get; } = new();

    /// <summary>Gets whether all matching rules fire or only the first.</summary>
    public MatchMode MatchMode { get; init; } = MatchMode.All;

    /// <summary>Gets the rules in file order (across files: in the order the files were read).</summary>
    public ValueList<PolicyRule> Rules { get; init; } = ValueList<PolicyRule>.Empty;

    /// <summary>Gets the parsed documents by source name, to locate issues found after loading.</summary>
    public IReadOnlyDictionary<string, ConfigDocument> Documents { get; init; } = new Dictionary<string, ConfigDocument>();

    /// <summary>Finds a rule by name.</summary>
    /// <param name="name">The rule's name.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    public PolicyRule? Find(string name) => Rules.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
