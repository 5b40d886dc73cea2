using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class ShowCommandTests
{
    private static readonly Dictionary<string, string?> s_variables = new() { ["MEMORY_BATCH_SIZE"] = "64", ["MEMORY__MONITORING__LOG_LEVEL"] = "WARNING" };

    [Fact]
    public async Task Show_EffectiveWithOrigins_SaysWhereEachValueCameFrom()
    {
        var result = await CliRun.RunAsync(s_variables, "show", "TestData/local.yaml", "--effective", "--show-origin");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("show-local-effective-origin", result.Output);
    }

    [Fact]
    public async Task Show_WithoutEffective_IgnoresEnvironmentOverrides()
    {
        var result = await CliRun.RunAsync(s_variables, "show", "TestData/local.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  batch_size: 20\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_RedactsSecretsAndParses()
    {
        var result = await CliRun.RunAsync("show", "TestData/local.yaml", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var settings = json.RootElement.GetProperty("backend").GetProperty("backend_settings");
        Assert.Equal("***", settings.GetProperty("api_token").GetString());
        Assert.Equal("./memories.db", settings.GetProperty("local_storage_path").GetString());
        Assert.DoesNotContain("not-a-real-token", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_JsonWithOrigins_HasConfigAndOrigins()
    {
        var result = await CliRun.RunAsync(s_variables, "show", "TestData/local.yaml", "--effective", "--show-origin", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var origins = json.RootElement.GetProperty("origins");
        Assert.Equal("env MEMORY_BATCH_SIZE", origins.GetProperty("performance.batch_size").GetString());
        Assert.Equal("TestData/local.yaml:1", origins.GetProperty("environment").GetString());
        Assert.Equal("default", origins.GetProperty("performance.create_timeout").GetString());
    }

    [Fact]
    public async Task Show_BrokenFile_Exits1WithIssuesOnStandardError()
    {
        var result = await CliRun.RunAsync("show", "TestData/broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("TestData/broken.yaml:3:15 error CFG-TYPE performance.batch_size", result.Error, StringComparison.Ordinal);
    }
}
