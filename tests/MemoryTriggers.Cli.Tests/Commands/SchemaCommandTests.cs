namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class SchemaCommandTests
{
    [Fact]
    public async Task Schema_Printed_EqualsCheckedInSchemaFile()
    {
        var result = await CliRun.RunAsync("schema");

        Assert.Equal(0, result.ExitCode);
        var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(repository, "schemas", "memory-trigger-config.schema.json")), result.Output);
    }

    [Fact]
    public async Task Schema_WithOutput_WritesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mt-schema-{Guid.NewGuid():N}.json");

        var result = await CliRun.RunAsync("schema", "--output", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"$schema\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        File.Delete(path);
    }
}
