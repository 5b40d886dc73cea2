namespace MemoryTriggers.Cli.Tests;

/// <summary>
/// Compares output with Expectations/NAME.txt in the source tree. Run the tests with UPDATE_GOLDEN=1
/// to rewrite the files from the current output, then review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var source = Path.Combine(SourceDirectory(), "Expectations", name + ".txt");
        if (System.Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }

        Assert.True(File.Exists(source), $"Missing golden file {source}; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(source).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "MemoryTriggers.Cli.Tests");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/MemoryTriggers.Cli.Tests not found above " + AppContext.BaseDirectory);
    }
}
