using System.Collections.ObjectModel;
using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>Merges policy documents, one after another, into one <see cref="PolicySet"/>: unique rule names, one match mode.</summary>
internal sealed class PolicySetBuilder
{
    private readonly List<PolicyRule> _rules = [];
    private readonly Dictionary<string, SourceLocation> _firstByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigDocument> _documents = new(StringComparer.Ordinal);
    private readonly List<ValidationIssue> _issues = [];
    private (MatchMode Mode, SourceLocation Location)? _matchMode;

    /// <summary>Lists the policy files of a directory in load order, or reports why it cannot and returns null.</summary>
    public IReadOnlyList<string>? ListPolicyFiles(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                var message = File.Exists(directory) ? "the path is a file, not a directory" : "the directory does not exist";
                AddLoadFailure(directory, message, "check the path; policy files are read from a directory of *.yaml files");
                return null;
            }

            return PolicyLoader.ListFiles(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            AddLoadFailure(directory, "the directory cannot be read: " + ex.Message, "check the path and permissions");
            return null;
        }
    }

    public void AddFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var message = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : "the file cannot be read: " + ex.Message;
            AddLoadFailure(path, message, "check the path and permissions");
            return;
        }

        AddText(text, path);
    }

    public void AddText(string text, string? sourceName)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(text, sourceName, issues);
        _documents.TryAdd(sourceName ?? string.Empty, document);
        var content = PolicyDocumentReader.Read(document, issues);

        foreach (var loaded in content.Rules)
        {
            if (_firstByName.TryGetValue(loaded.Rule.Name, out var first))
            {
                issues.Add(new ValidationIssue(IssueSeverity.Error, PolicyIssueCodes.DuplicateRule, loaded.Path, $"the rule '{loaded.Rule.Name}' is already defined at {first}")
                {
                    Location = loaded.KeyLocation,
                    Suggestion = "rename one of them; rule names must be unique across all policy files loaded together",
                });
                continue;
            }

            _firstByName.Add(loaded.Rule.Name, loaded.KeyLocation);
            _rules.Add(loaded.Rule);
        }

        if (content.MatchMode is { } given)
        {
            if (_matchMode is not { } set)
            {
                _matchMode = given;
            }
            else if (set.Mode != given.Mode)
            {
                issues.Add(new ValidationIssue(IssueSeverity.Error, PolicyIssueCodes.MatchModeConflict, PolicyDocumentReader.MatchModeKey,
                    $"match_mode is '{Name(given.Mode)}' here but '{Name(set.Mode)}' at {set.Location}")
                {
                    Location = given.Location,
                    Suggestion = "set match_mode in one policy file only, or to the same value in every file",
                });
            }
        }

        // Within a file by position, the way the configuration pipeline orders its issues.
        _issues.AddRange(issues.OrderBy(i => i.Location.HasPosition ? 0 : 1).ThenBy(i => i.Location.Line).ThenBy(i => i.Location.Column));
    }

    public PolicyLoadResult Build()
    {
        var set = new PolicySet
        {
            MatchMode = _matchMode?.Mode ?? MatchMode.All,
            Rules = ValueList<PolicyRule>.From(_rules),
            Documents = new ReadOnlyDictionary<string, ConfigDocument>(new Dictionary<string, ConfigDocument>(_documents, StringComparer.Ordinal)),
        };
        return new PolicyLoadResult(set, _issues);
    }

    private static string Name(MatchMode mode) => mode == MatchMode.First ? "first" : "all";

    private void AddLoadFailure(string path, string message, string suggestion) =>
        _issues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, message)
        {
            Location = new SourceLocation { File = path },
            Suggestion = suggestion,
        });
}
