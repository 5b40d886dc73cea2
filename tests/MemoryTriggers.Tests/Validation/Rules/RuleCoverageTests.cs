using System.Text.RegularExpressions;

namespace MemoryTriggers.Tests.Validation.Rules;

/// <summary>Keeps the rule tests complete: a code that a rule in src/MemoryTriggers/Validation/Rules produces must appear in a rule test.</summary>
public sealed partial class RuleCoverageTests
{
    [GeneratedRegex(@"IssueCodes\.(\w+)")]
    private static partial Regex IssueCode();

    private static IEnumerable<string> CodesIn(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern).SelectMany(f => IssueCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct();

    [Fact]
    public void Rules_EveryCodeProduced_HasARuleTest()
    {
        var produced = CodesIn(Path.Combine(RepositoryRoot.Path, "src", "MemoryTriggers", "Validation", "Rules"), "*.cs");
        var tested = CodesIn(Path.Combine(RepositoryRoot.Path, "tests", "MemoryTriggers.Tests", "Validation", "Rules"), "*Tests.cs").ToHashSet();

        Assert.Empty(produced.Where(code => !tested.Contains(code)).Order(StringComparer.Ordinal));
    }
}
