using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Loading.PolicyLoaderTests;

namespace MemoryTriggers.Tests.Policies.Loading;

/// <summary>Loading files and directories: order, merging, duplicate names and match modes across files, unreadable paths.</summary>
public sealed class PolicyLoaderFileTests
{
    private static string Ordered => DataFile("directory", "ordered");

    private static string Conflicts => DataFile("directory", "conflicts");

    [Fact]
    public void LoadDirectory_PolicyFiles_AreReadInOrdinalOrderOfFileName()
    {
        var result = PolicyLoader.LoadDirectory(Ordered);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Empty(result.Issues);

        // "10-" sorts before "9-" and "A" before "b" ordinally; readme.txt and nested/ are not read; .YAML counts.
        Assert.Equal(["one", "two", "three", "four", "five"], result.Policies.Rules.Select(r => r.Name));
        Assert.Equal(
            ["10-first.yaml", "10-first.yaml", "9-second.yml", "A-third.yaml", "b-fourth.YAML"],
            result.Policies.Rules.Select(r => Path.GetFileName(r.Source!)));
        Assert.Equal(
            ["10-first.yaml", "9-second.yml", "A-third.yaml", "b-fourth.YAML"],
            result.Policies.Documents.Keys.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LoadDirectory_Documents_LocateEachRule()
    {
        var result = PolicyLoader.LoadDirectory(Ordered);

        foreach (var rule in result.Policies.Rules)
        {
            var location = result.Policies.Documents[rule.Source!].LocateKey("rules." + rule.Name);
            Assert.NotNull(location);
            Assert.Equal(rule.Source, location.File);
        }
    }

    [Fact]
    public void LoadDirectory_SameRuleNameInTwoFiles_ReportsTheSecondAndNamesTheFirst()
    {
        var first = Path.Combine(Conflicts, "1-base.yaml");
        var second = Path.Combine(Conflicts, "2-override.yaml");

        var result = PolicyLoader.LoadDirectory(Conflicts);

        Assert.False(result.Valid);
        var duplicate = Assert.Single(result.Issues, i => i.Code == PolicyIssueCodes.DuplicateRule && i.File == second);
        Assert.Equal((IssueSeverity.Error, "rules.alert", 5, 3), (duplicate.Severity, duplicate.Path, duplicate.Line ?? 0, duplicate.Column ?? 0));
        Assert.Contains($"{first}:3:3", duplicate.Message, StringComparison.Ordinal);

        // The first definition stays; the duplicate is dropped.
        var alert = Assert.Single(result.Policies.Rules, r => r.Name == "alert");
        Assert.Equal((first, 1), (alert.Source, alert.Priority));
    }

    [Fact]
    public void LoadDirectory_NameFieldTakingAnExistingName_IsADuplicateToo()
    {
        var third = Path.Combine(Conflicts, "3-same-mode.yaml");

        var result = PolicyLoader.LoadDirectory(Conflicts);

        var duplicate = Assert.Single(result.Issues, i => i.Code == PolicyIssueCodes.DuplicateRule && i.File == third);
        Assert.Equal(("rules.renamed", 3, 3), (duplicate.Path, duplicate.Line ?? 0, duplicate.Column ?? 0));
        Assert.Contains("'base_only'", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(["alert", "base_only", "other"], result.Policies.Rules.Select(r => r.Name));
    }

    [Fact]
    public void LoadDirectory_DifferentMatchModes_ReportTheSecondFileAndKeepTheFirstMode()
    {
        var second = Path.Combine(Conflicts, "2-override.yaml");

        var result = PolicyLoader.LoadDirectory(Conflicts);

        // 3-same-mode.yaml agrees with the first file, so only 2-override.yaml conflicts.
        var conflict = Assert.Single(result.Issues, i => i.Code == PolicyIssueCodes.MatchModeConflict);
        Assert.Equal((IssueSeverity.Error, second, "match_mode", 1, 13), (conflict.Severity, conflict.File, conflict.Path, conflict.Line ?? 0, conflict.Column ?? 0));
        Assert.Contains("'first'", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(MatchMode.First, result.Policies.MatchMode);
    }

    [Fact]
    public void LoadFiles_MatchModeInOneFileOnly_AppliesToTheSet()
    {
        var result = PolicyLoader.LoadFiles([Path.Combine(Ordered, "9-second.yml"), Path.Combine(Conflicts, "1-base.yaml")]);

        Assert.True(result.Valid, string.Join("\n", result.Issues));
        Assert.Equal(MatchMode.First, result.Policies.MatchMode);
        Assert.Equal(["three", "alert", "base_only"], result.Policies.Rules.Select(r => r.Name));
    }

    [Fact]
    public void LoadFiles_GivenOrder_IsKept()
    {
        var result = PolicyLoader.LoadFiles([Path.Combine(Ordered, "b-fourth.YAML"), Path.Combine(Ordered, "10-first.yaml")]);

        Assert.Equal(["five", "one", "two"], result.Policies.Rules.Select(r => r.Name));
    }

    [Fact]
    public void LoadFiles_IssuesOfEachFile_KeepFileOrder()
    {
        var result = PolicyLoader.LoadDirectory(Conflicts);

        var files = result.Issues.Select(i => Path.GetFileName(i.File!)).ToArray();
        Assert.Equal(["2-override.yaml", "2-override.yaml", "3-same-mode.yaml", "3-same-mode.yaml"], files);
    }

    [Fact]
    public void LoadDirectory_Missing_ReportsLoadError()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"memorytriggers-policies-missing-{Guid.NewGuid():N}");

        var result = PolicyLoader.LoadDirectory(missing);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueCodes.LoadFailed, IssueSeverity.Error, missing), (issue.Code, issue.Severity, issue.File));
        Assert.Contains("does not exist", issue.Message, StringComparison.Ordinal);
        Assert.False(result.Valid);
        Assert.Empty(result.Policies.Rules);
    }

    [Fact]
    public void LoadDirectory_PathIsAFile_ReportsLoadError()
    {
        var result = PolicyLoader.LoadDirectory(DataFile("all-fields.yaml"));

        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(result.Issues).Code);
        Assert.False(result.Valid);
    }

    [Fact]
    public void LoadDirectory_Empty_IsAnEmptyValidSet()
    {
        var empty = Directory.CreateTempSubdirectory("memorytriggers-policies-");
        try
        {
            File.WriteAllText(Path.Combine(empty.FullName, "notes.txt"), "rules:\n  r: {}\n");

            var result = PolicyLoader.LoadDirectory(empty.FullName);

            Assert.True(result.Valid);
            Assert.Empty(result.Issues);
            Assert.Empty(result.Policies.Rules);
            Assert.Empty(result.Policies.Documents);
            Assert.Equal(MatchMode.All, result.Policies.MatchMode);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_EmptyFileAmongOthers_IsAnErrorButTheOthersLoad()
    {
        var folder = Directory.CreateTempSubdirectory("memorytriggers-policies-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), "rules:\n  r: {priority: 1}\n");
            File.WriteAllText(Path.Combine(folder.FullName, "b.yml"), string.Empty);

            var result = PolicyLoader.LoadDirectory(folder.FullName);

            var issue = Assert.Single(result.Issues);
            Assert.Equal((IssueCodes.EmptyDocument, Path.Combine(folder.FullName, "b.yml"), 1, 1), (issue.Code, issue.File, issue.Line ?? 0, issue.Column ?? 0));
            Assert.Equal("r", Assert.Single(result.Policies.Rules).Name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFile_Missing_ReportsLoadErrorWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"memorytriggers-missing-{Guid.NewGuid():N}.yaml");

        var result = PolicyLoader.LoadFile(path);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueCodes.LoadFailed, IssueSeverity.Error, path), (issue.Code, issue.Severity, issue.File));
        Assert.False(result.Valid);
        Assert.Empty(result.Policies.Rules);
    }

    [Fact]
    public void LoadFile_Directory_ReportsLoadError()
    {
        var result = PolicyLoader.LoadFile(Ordered);

        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void LoadFiles_OneMissing_StillLoadsTheOthers()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"memorytriggers-missing-{Guid.NewGuid():N}.yaml");

        var result = PolicyLoader.LoadFiles([missing, Path.Combine(Ordered, "A-third.yaml")]);

        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(result.Issues).Code);
        Assert.Equal("four", Assert.Single(result.Policies.Rules).Name);
    }

    [Fact]
    public void LoadFiles_NoFiles_IsAnEmptyValidSet()
    {
        var result = PolicyLoader.LoadFiles([]);

        Assert.True(result.Valid);
        Assert.Empty(result.Policies.Rules);
    }

    [Fact]
    public void LoadFiles_NullPath_Throws() =>
        Assert.Throws<ArgumentException>(() => PolicyLoader.LoadFiles([null!]));
}
