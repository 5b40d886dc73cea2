using MemoryTriggers.Configuration;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class GenerateCommandTests
{
    public static TheoryData<string, bool> Presets()
    {
        var data = new TheoryData<string, bool>();
        foreach (var env in new[] { "development", "testing", "staging", "production" })
        {
            data.Add(env, false);
            data.Add(env, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Generate_EveryPreset_ValidatesCleanUnderStrict(string environment, bool minimal)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mt-{environment}-{minimal}-{Guid.NewGuid():N}.yaml");
        var args = minimal ? new[] { "generate", "--env", environment, "--minimal", "--output", path } : new[] { "generate", "--env", environment, "--output", path };

        var generated = await CliRun.RunAsync(args);
        var validated = await CliRun.RunAsync("validate", path, "--strict");

        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(0, validated.ExitCode);
        Assert.StartsWith("# yaml-language-server: $schema=", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        File.Delete(path);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Generate_LoadedBack_EqualsThePreset(string environment, bool minimal)
    {
        var args = minimal ? new[] { "generate", "--env", environment, "--minimal" } : new[] { "generate", "--env", environment };
        var expected = EnvironmentPresets.Get(Enum.Parse<MemoryTriggers.Configuration.Environment>(environment, ignoreCase: true));

        var generated = await CliRun.RunAsync(args);
        var loaded = ConfigurationLoader.LoadFromString(generated.Output, "generated.yaml", new LoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

        Assert.Equal(expected, loaded.Config);
    }

    [Fact]
    public async Task Generate_MinimalProduction_MatchesGolden()
    {
        var result = await CliRun.RunAsync("generate", "--env", "production", "--minimal");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("generate-production-minimal", result.Output);
    }

    [Fact]
    public async Task Generate_Full_KeepsThePresetComments()
    {
        var result = await CliRun.RunAsync("generate", "--env", "production");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# The reference listed [redis, local]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UnknownEnvironment_IsUsageErrorExit64()
    {
        var result = await CliRun.RunAsync("generate", "--env", "prod");

        Assert.Equal(64, result.ExitCode);
    }
}
