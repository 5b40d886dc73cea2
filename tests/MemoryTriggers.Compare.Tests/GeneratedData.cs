using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests;

/// <summary>One small generated data set shared by the tests of a class (sizes 12 and 150, 3,000 events).</summary>
public sealed class GeneratedData : IDisposable
{
    private readonly TempDirectory _directory = new();

    public GeneratedData()
    {
        Log = new StringWriter();
        DataGenerator.Run(new GenerateOptions(_directory.Path, 42, [12, 150], 3000), Log);
    }

    public string Directory => _directory.Path;

    public StringWriter Log { get; }

    public string File(string name) => _directory.File(name);

    public void Dispose()
    {
        Log.Dispose();
        _directory.Dispose();
    }
}
