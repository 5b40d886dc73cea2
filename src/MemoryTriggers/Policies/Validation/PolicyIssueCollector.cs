using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>Collects a policy set's issues, each located in the document its rule came from.</summary>
internal sealed class PolicyIssueCollector(PolicySet set)
{
    private readonly List<ValidationIssue> _issues = [];

    public PolicySet Set { get; } = set;

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    /// <summary>Orders the issues from <paramref name="start"/> on by their position in the file, keeping the order of those without one.</summary>
    public void SortByPosition(int start)
    {
        var sorted = _issues.Skip(start).OrderBy(i => i.Location.HasPosition ? 0 : 1).ThenBy(i => i.Location.Line).ThenBy(i => i.Location.Column).ToArray();
        _issues.RemoveRange(start, sorted.Length);
        _issues.AddRange(sorted);
    }

    public void Error(PolicyRule rule, string code, string path, string message, string suggestion) =>
        Add(rule, IssueSeverity.Error, code, path, message, suggestion);

    public void Warning(PolicyRule rule, string code, string path, string message, string suggestion) =>
        Add(rule, IssueSeverity.Warning, code, path, message, suggestion);

    public void Add(PolicyRule rule, IssueSeverity severity, string code, string path, string message, string suggestion) =>
        _issues.Add(new ValidationIssue(severity, code, path, message) { Suggestion = suggestion, Location = Locate(rule, path) });

    /// <summary>Finds the node written at <paramref name="path"/> (which starts <c>rules.NAME</c>), if the rule came from a document.</summary>
    public ConfigNode? FindWritten(PolicyRule rule, string path) =>
        DocumentOf(rule) is { } document ? document.Find(InDocument(document, rule, path)) : null;

    /// <summary>Locates <paramref name="path"/> in the rule's document; a rule itself is located at its key.</summary>
    private SourceLocation Locate(PolicyRule rule, string path)
    {
        if (DocumentOf(rule) is not { } document)
        {
            return rule.Source is null ? SourceLocation.Default : new SourceLocation { File = rule.Source };
        }

        var written = InDocument(document, rule, path);
        if (path == "rules." + rule.Name)
        {
            return document.LocateKey(written) ?? document.Locate(written);
        }

        // A value that is not written (a missing parameter) is located at its nearest written ancestor:
        // at the key of a mapping entry, or at the start of a list item.
        var present = written;
        while (document.Find(present) is null && Math.Max(present.LastIndexOf('.'), present.LastIndexOf('[')) is > 0 and var cut)
        {
            present = present[..cut];
        }

        return present == written || document.Find(present) is not { } node ? document.Locate(written)
            : present.EndsWith(']') ? node.Location
            : document.LocateKey(present) ?? node.Location;
    }

    /// <summary>A loader keeps the rules of a document read without a source name under the empty name.</summary>
    private ConfigDocument? DocumentOf(PolicyRule rule) => Set.Documents.GetValueOrDefault(rule.Source ?? string.Empty);

    /// <summary>Rewrites <c>rules.NAME…</c> to the key the rule is written under when its <c>name</c> differs from the key.</summary>
    private static string InDocument(ConfigDocument document, PolicyRule rule, string path)
    {
        var prefix = "rules." + rule.Name;
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || document.Find(prefix) is ConfigMapping)
        {
            return path;
        }

        return document.Find("rules") is ConfigMapping rules
            && rules.Entries.FirstOrDefault(e => e.Value is ConfigMapping m && m.Find("name")?.Value is ConfigScalar { Value: string given } && given == rule.Name) is { } entry
            ? "rules." + entry.Key + path[prefix.Length..]
            : path;
    }
}
