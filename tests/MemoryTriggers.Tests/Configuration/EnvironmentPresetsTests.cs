using MemoryTriggers.Configuration;

namespace MemoryTriggers.Tests.Configuration;

public sealed class EnvironmentPresetsTests
{
    private static readonly Dictionary<string, string?> s_noVariables = [];

    public static TheoryData<MemoryTriggers.Configuration.Environment> Environments =>
        new(Enum.GetValues<MemoryTriggers.Configuration.Environment>());

    [Theory]
    [MemberData(nameof(Environments))]
    public void Preset_FullValidation_HasNoErrorsAndNoWarnings(MemoryTriggers.Configuration.Environment environment)
    {
        var report = ConfigurationLoader.LoadFromString(EnvironmentPresets.GetYaml(environment), "preset.yaml", new LoadOptions { EnvironmentVariables = s_noVariables, Strict = true });

        Assert.True(report.Valid, string.Join("\n", report.Issues));
        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
        Assert.Equal(environment, report.Config!.Environment);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Preset_EmbeddedCopy_MatchesFileInRepository(MemoryTriggers.Configuration.Environment environment)
    {
        var file = Path.Combine(RepositoryRoot.Path, "environments", environment.ToString().ToLowerInvariant() + ".yaml");

        Assert.Equal(File.ReadAllText(file), EnvironmentPresets.GetYaml(environment));
    }

    [Fact]
    public void Presets_PerformanceScores_Discriminate()
    {
        var scores = Enum.GetValues<MemoryTriggers.Configuration.Environment>()
            .Select(e => ConfigurationLoader.LoadFromString(EnvironmentPresets.GetYaml(e), null, new LoadOptions { EnvironmentVariables = s_noVariables }).PerformanceScore)
            .ToArray();

        Assert.True(scores.Distinct().Count() >= 3, string.Join(", ", scores));
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }
}
