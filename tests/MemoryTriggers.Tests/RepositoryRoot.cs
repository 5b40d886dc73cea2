namespace MemoryTriggers.Tests;

/// <summary>Finds the repository's root (the folder holding MemoryTriggers.slnx) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MemoryTriggers.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MemoryTriggers.slnx not found above " + AppContext.BaseDirectory);
    }
}
