namespace MemoryTriggers.Cli.Tests;

/// <summary>A scratch directory with a configuration whose local SQLite store lives inside it; deleted on dispose.</summary>
internal sealed class MemoryWorkspace : IDisposable
{
    public MemoryWorkspace(string extraYaml = "")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-memories-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Database = File("memories.db");
        Config = File("config.yaml");
        System.IO.File.WriteAllText(Config, $"""
            environment: development
            backend:
              backend_type: local
              backend_settings:
                local_storage_path: {Database}
            {extraYaml}
            """);
    }

    public string Path { get; }

    public string Config { get; }

    public string Database { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
