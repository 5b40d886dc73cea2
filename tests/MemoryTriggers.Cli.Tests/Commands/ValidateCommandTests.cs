using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_BrokenFile_PrintsLocatedIssuesAndExits1()
    {
        var result = await CliRun.RunAsync("validate", "TestData/broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Golden.AssertMatches("validate-broken", result.Output);
    }

    [Fact]
    public async Task Validate_BrokenFileAsJson_PrintsDocumentedShape()
    {
        var result = await CliRun.RunAsync("validate", "TestData/broken.yaml", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Golden.AssertMatches("validate-broken-json", result.Output);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.False(root.GetProperty("schema_valid").GetBoolean());
        Assert.False(root.GetProperty("runtime_valid").GetBoolean());
        Assert.InRange(root.GetProperty("performance_score").GetDouble(), 0.0, 1.0);
        var first = root.GetProperty("issues")[0];
        foreach (var key in new[] { "severity", "code", "path", "line", "column", "message", "suggestion" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }
    }

    [Fact]
    public async Task Validate_ValidFile_PrintsSummaryAndExits0()
    {
        var result = await CliRun.RunAsync("validate", "TestData/local.yaml");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("validate-local", result.Output);
    }

    [Fact]
    public async Task Validate_WarningsOnlyUnderStrict_Exits3()
    {
        var lenient = await CliRun.RunAsync("validate", "TestData/warnings.yaml");
        var strict = await CliRun.RunAsync("validate", "TestData/warnings.yaml", "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(3, strict.ExitCode);
        Assert.Contains("CFG-CREATE-TIMEOUT-BELOW-RECALL", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownKeyUnderStrict_IsAnErrorAndExits1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mt-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "environment: development\nvalidation_strict: false\nbackend:\n  backend_type: local\nperformance:\n  batch_sise: 10\n");

        var result = await CliRun.RunAsync("validate", path, "--strict");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}:6:3 error CFG-UNKNOWN-KEY performance.batch_sise", result.Output, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task Validate_MissingFile_ReportsLoadErrorAndExits1()
    {
        var result = await CliRun.RunAsync("validate", "TestData/nope.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TestData/nope.yaml error CFG-LOAD: the file does not exist", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EnvironmentOverride_IsAppliedAndBadValueNamed()
    {
        var variables = new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "lots" };

        var result = await CliRun.RunAsync(variables, "validate", "TestData/local.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("env MEMORY_BATCH_SIZE error CFG-ENV-VALUE performance.batch_size: MEMORY_BATCH_SIZE='lots'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CustomYamlSchema_AddsItsRules()
    {
        var result = await CliRun.RunAsync("validate", "TestData/local.yaml", "--schema", "TestData/custom-schema.yaml", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var codes = json.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToArray();
        Assert.Contains("CFG-REQUIRED", codes);
        Assert.Contains("CFG-ENUM", codes);
    }

    [Fact]
    public async Task Validate_MissingSchemaFile_Exits1WithMessage()
    {
        var result = await CliRun.RunAsync("validate", "TestData/local.yaml", "--schema", "TestData/none.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CFG-SCHEMA-LOAD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoFileArgument_IsUsageErrorExit64()
    {
        var result = await CliRun.RunAsync("validate");

        Assert.Equal(64, result.ExitCode);
    }

    [Fact]
    public async Task Validate_BadFormat_IsUsageErrorExit64()
    {
        var result = await CliRun.RunAsync("validate", "TestData/local.yaml", "--format", "xml");

        Assert.Equal(64, result.ExitCode);
    }

    [Fact]
    public async Task Validate_WithPolicies_ReportsThemToo()
    {
        using var good = new PolicyDirectory();
        using var bad = new PolicyDirectory(empty: true);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "bad-rules.yaml"), bad.File("bad-rules.yaml"));

        var passing = await CliRun.RunAsync("validate", "TestData/local.yaml", "--policies", good.Path);
        var failing = await CliRun.RunAsync("validate", "TestData/local.yaml", "--policies", bad.Path, "--format", "json");

        Assert.Equal(0, passing.ExitCode);
        Assert.Contains($"Policies: 2 rules in {good.Path}; 0 errors", passing.Output, StringComparison.Ordinal);
        Assert.Equal(1, failing.ExitCode);
        using var json = JsonDocument.Parse(failing.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("policy_issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "POL-CHAIN-TARGET");
    }
}
