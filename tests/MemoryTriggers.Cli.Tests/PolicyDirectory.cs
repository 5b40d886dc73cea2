namespace MemoryTriggers.Cli.Tests;

/// <summary>A scratch copy of TestData/policies that a test may change; deleted on dispose.</summary>
internal sealed class PolicyDirectory : IDisposable
{
    public PolicyDirectory(bool empty = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-policies-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (!empty)
        {
            foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "policies")))
            {
                System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
