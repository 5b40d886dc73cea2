using System.Globalization;
using System.Text;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>What a reload changed: the configuration values and the policy rules, by name.</summary>
public sealed record ConfigChangeSummary
{
    /// <summary>Gets the dotted paths (such as <c>performance.batch_size</c>) whose effective value changed, added or went away, in the model's order.</summary>
    public IReadOnlyList<string> ChangedPaths { get; init; } = [];

    /// <summary>Gets the names of the rules that are new.</summary>
    public IReadOnlyList<string> PoliciesAdded { get; init; } = [];

    /// <summary>Gets the names of the rules that are gone.</summary>
    public IReadOnlyList<string> PoliciesRemoved { get; init; } = [];

    /// <summary>Gets the names of the rules whose content changed (a rule that only moved to another file is not counted).</summary>
    public IReadOnlyList<string> PoliciesChanged { get; init; } = [];

    /// <summary>Gets a value indicating whether the policies' <c>match_mode</c> changed.</summary>
    public bool MatchModeChanged { get; init; }

    /// <summary>Gets the content hash of the snapshot that was replaced.</summary>
    public required string OldHash { get; init; }

    /// <summary>Gets the content hash of the new snapshot.</summary>
    public required string NewHash { get; init; }

    /// <summary>Gets the version of the snapshot that was replaced.</summary>
    public required long OldVersion { get; init; }

    /// <summary>Gets the version of the new snapshot.</summary>
    public required long NewVersion { get; init; }

    /// <summary>Gets a value indicating whether any effective value or rule changed; false when only comments or formatting did.</summary>
    public bool HasChanges => ChangedPaths.Count > 0 || PoliciesAdded.Count > 0 || PoliciesRemoved.Count > 0 || PoliciesChanged.Count > 0 || MatchModeChanged;

    /// <summary>Returns one line such as <c>version 3 -> 4: config performance.batch_size; policies +new_rule -old_rule ~changed_rule</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"version {OldVersion} -> {NewVersion}: "));
        if (!HasChanges)
        {
            return text.Append("no effective change (comments or formatting only)").ToString();
        }

        var parts = new List<string>();
        if (ChangedPaths.Count > 0)
        {
            parts.Add("config " + Limit(ChangedPaths, string.Empty));
        }

        var policies = new List<string>();
        if (PoliciesAdded.Count > 0)
        {
            policies.Add(Limit(PoliciesAdded, "+"));
        }

        if (PoliciesRemoved.Count > 0)
        {
            policies.Add(Limit(PoliciesRemoved, "-"));
        }

        if (PoliciesChanged.Count > 0)
        {
            policies.Add(Limit(PoliciesChanged, "~"));
        }

        if (MatchModeChanged)
        {
            policies.Add("match_mode");
        }

        if (policies.Count > 0)
        {
            parts.Add("policies " + string.Join(" ", policies));
        }

        return text.Append(string.Join("; ", parts)).ToString();
    }

    private static string Limit(IReadOnlyList<string> names, string prefix)
    {
        const int Shown = 10;
        var listed = string.Join(" ", names.Take(Shown).Select(n => prefix + n));
        return names.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $"{listed} (and {names.Count - Shown} more)") : listed;
    }
}
