using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli;

/// <summary>
/// Removes rules from a policy file by cutting their lines, so the rest of the file (comments
/// included) stays as written. A rule takes with it the comment lines directly above its key and
/// leaves the comments that lead into the next rule.
/// </summary>
internal static class PolicyFileEditor
{
    /// <summary>Returns the text without the named rules (matched by key or by their name field), or null with a reason when the layout does not allow a clean cut.</summary>
    public static string? RemoveRules(string text, IReadOnlyCollection<string> names, out string? reason)
    {
        reason = null;
        if (!TryFindRules(text, out var root, out var rulesEntry, out reason))
        {
            return null;
        }

        var rules = (ConfigMapping)rulesEntry!.Value;
        var lines = text.Split('\n').ToList();
        var ruleLines = rules.Entries.Select(e => e.KeyLocation.Line).ToArray();
        if (ruleLines.Distinct().Count() != ruleLines.Length || ruleLines.Any(l => l == rulesEntry.KeyLocation.Line))
        {
            reason = "the rules are written in flow style ({...}); edit the file by hand";
            return null;
        }

        var after = root!.Entries.Where(e => e.KeyLocation.Line > rulesEntry.KeyLocation.Line).Select(e => e.KeyLocation.Line).DefaultIfEmpty(lines.Count + 1).Min();
        var cuts = new List<(int Start, int End)>();
        for (var i = 0; i < rules.Entries.Count; i++)
        {
            if (!names.Contains(RuleName(rules.Entries[i])))
            {
                continue;
            }

            var start = rules.Entries[i].KeyLocation.Line;
            while (start - 1 > rulesEntry.KeyLocation.Line && IsComment(lines[start - 2]))
            {
                start--;
            }

            var end = i + 1 < rules.Entries.Count ? rules.Entries[i + 1].KeyLocation.Line : after;
            while (end - 1 > rules.Entries[i].KeyLocation.Line && end - 2 < lines.Count && (IsComment(lines[end - 2]) || lines[end - 2].Trim().Length == 0))
            {
                end--;
            }

            cuts.Add((start, end));
        }

        foreach (var (start, end) in cuts.OrderByDescending(c => c.Start))
        {
            lines.RemoveRange(start - 1, Math.Min(end, lines.Count + 1) - start);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Counts the entries under <c>rules:</c>, broken ones included; -1 when there is no rules mapping.</summary>
    public static int CountRules(string text) =>
        TryFindRules(text, out _, out var rules, out _) ? ((ConfigMapping)rules!.Value).Entries.Count : -1;

    private static bool TryFindRules(string text, out ConfigMapping? root, out ConfigEntry? rules, out string? reason)
    {
        var document = ConfigDocumentParser.Parse(text, null, new List<ValidationIssue>());
        root = document.Root as ConfigMapping;
        rules = root?.Find("rules");
        reason = rules?.Value is ConfigMapping ? null : "the file has no 'rules:' mapping";
        return reason is null;
    }

    private static string RuleName(ConfigEntry entry) =>
        entry.Value is ConfigMapping rule && rule.Find("name")?.Value is ConfigScalar { Value: string name } ? name : entry.Key;

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#');
}
