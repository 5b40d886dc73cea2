using MemoryTriggers.Deployment;

namespace MemoryTriggers.Tests.Deployment;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Create_EqualTexts_IsEmpty()
    {
        Assert.Empty(UnifiedDiff.Create("a\nb\n", "a\nb\n", "old", "new"));
    }

    [Fact]
    public void Create_OneChangedLine_ShowsItWithThreeLinesOfContext()
    {
        var before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        var diff = UnifiedDiff.Create(before, after, "a.yaml", "b.yaml");

        Assert.Equal("""
            --- a.yaml
            +++ b.yaml
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """, diff);
    }

    [Fact]
    public void Create_ChangesFarApart_MakesTwoHunks()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var after = string.Concat(Enumerable.Range(1, 20).Select(i => i switch { 2 => "two\n", 19 => "nineteen\n", _ => $"{i}\n" }));

        var diff = UnifiedDiff.Create(before, after, "a", "b");

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -16,5 +16,5 @@\n", diff, StringComparison.Ordinal);
        Assert.Equal((2, 2), UnifiedDiff.Count(diff));
    }

    [Fact]
    public void Create_FromEmpty_UsesTheZeroRange()
    {
        Assert.Equal("--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Create(string.Empty, "a\nb\n", "/dev/null", "new"));
        Assert.Equal("--- old\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.Create("a\n", string.Empty, "old", "/dev/null"));
    }

    [Fact]
    public void Create_MissingFinalLineBreak_IsMarked()
    {
        var diff = UnifiedDiff.Create("a\nb", "a\nb\n", "old", "new");

        Assert.Equal("--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n", diff);
    }

    [Fact]
    public void Count_LinesThatLookLikeHeaders_AreCountedAsContent()
    {
        var diff = UnifiedDiff.Create("-- a\nkeep\n", "++ b\nkeep\n", "old", "new");

        Assert.StartsWith("--- old\n+++ new\n@@ -1,2 +1,2 @@\n--- a\n+++ b\n", diff, StringComparison.Ordinal);
        Assert.Equal((2, 2), UnifiedDiff.Count(diff + diff));
    }

    [Fact]
    public void Create_InsertionInTheMiddle_KeepsTheCommonLines()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\n", "a\nb\nx\nc\n", "old", "new");

        Assert.Equal("--- old\n+++ new\n@@ -1,3 +1,4 @@\n a\n b\n+x\n c\n", diff);
    }
}
