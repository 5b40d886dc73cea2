namespace MemoryTriggers.Cli.Tests;

/// <summary>Finds the repository root (the folder with MemoryTriggers.slnx).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MemoryTriggers.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MemoryTriggers.slnx not found above " + AppContext.BaseDirectory);
    }
}
