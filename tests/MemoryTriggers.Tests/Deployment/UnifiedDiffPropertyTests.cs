using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Deployment;

namespace MemoryTriggers.Tests.Deployment;

/// <summary>Properties of <see cref="UnifiedDiff"/>: applying the diff to the old text gives the new one, and equal texts give no diff.</summary>
public sealed class UnifiedDiffPropertyTests
{
    private static readonly string[] s_words = ["a", "b", "c", "d", "key: 1", "  nested: x", ""];

    private static Arbitrary<string> Texts() =>
        Gen.Elements(s_words).ListOf().Select(lines => string.Concat(lines.Select(l => l + "\n"))).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Create_AppliedToTheOldText_GivesTheNewText() =>
        Prop.ForAll(Texts(), Texts(), Gen.Choose(0, 4).ToArbitrary(), (before, after, context) =>
            Apply(before, UnifiedDiff.Create(before, after, "a", "b", context)) == after);

    [Property(MaxTest = 100)]
    public Property Create_SameText_IsEmpty() =>
        Prop.ForAll(Texts(), text => UnifiedDiff.Create(text, text, "a", "b").Length == 0);

    /// <summary>A small patch applier for whole-line texts that end with a line break.</summary>
    private static string Apply(string before, string diff)
    {
        if (diff.Length == 0)
        {
            return before;
        }

        var old = before.Length == 0 ? [] : before[..^1].Split('\n');
        var result = new List<string>();
        var position = 0;
        var lines = diff[..^1].Split('\n');
        for (var i = 2; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var range = line.Split(' ')[1][1..].Split(',');
                var start = int.Parse(range[0], CultureInfo.InvariantCulture);
                var count = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : 1;
                var until = count == 0 ? start : start - 1;
                while (position < until)
                {
                    result.Add(old[position++]);
                }
            }
            else if (line[0] == ' ')
            {
                Assert.Equal(old[position++], line[1..]);
                result.Add(line[1..]);
            }
            else if (line[0] == '-')
            {
                Assert.Equal(old[position++], line[1..]);
            }
            else
            {
                result.Add(line[1..]);
            }
        }

        while (position < old.Length)
        {
            result.Add(old[position++]);
        }

        return string.Concat(result.Select(l => l + "\n"));
    }
}
