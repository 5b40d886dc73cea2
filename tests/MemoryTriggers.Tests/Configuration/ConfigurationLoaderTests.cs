using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly LoadOptions s_options = new() { EnvironmentVariables = new Dictionary<string, string?>() };
    private static readonly LoadOptions s_strict = s_options with { Strict = true };

    private const string ValidYaml = """
        environment: development
        validation_strict: false
        backend:
          backend_type: local
          pool_size: 5
        """;

    private static string BrokenFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "broken", name);

    private static string PresetFile(Env environment) =>
        Path.Combine(RepositoryRoot.Path, "environments", environment.ToString().ToLowerInvariant() + ".yaml");

    [Fact]
    public void Load_MissingFile_ReportsLoadErrorWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"memorytriggers-missing-{Guid.NewGuid():N}.yaml");

        var report = ConfigurationLoader.Load(path, s_options);

        var issue = Assert.Single(report.Issues);
        Assert.Equal((IssueCodes.LoadFailed, IssueSeverity.Error, path), (issue.Code, issue.Severity, issue.File));
        Assert.Contains("does not exist", issue.Message, StringComparison.Ordinal);
        Assert.False(report.Valid);
        Assert.Null(report.Config);
    }

    [Fact]
    public void Load_Directory_ReportsLoadError()
    {
        var report = ConfigurationLoader.Load(AppContext.BaseDirectory, s_options);

        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(report.Issues).Code);
        Assert.False(report.Valid);
    }

    [Theory]
    [InlineData(Env.Development)]
    [InlineData(Env.Testing)]
    [InlineData(Env.Staging)]
    [InlineData(Env.Production)]
    public void Load_PresetFile_IsValidAndEqualsTheEmbeddedPreset(Env environment)
    {
        var report = ConfigurationLoader.Load(PresetFile(environment), s_options);

        Assert.True(report.Valid, string.Join("\n", report.Issues));
        Assert.Equal(EnvironmentPresets.Get(environment), report.Config);
    }

    [Fact]
    public void LoadFromString_FeaturesGivenPartly_MergeOverTheDefaults()
    {
        var config = ConfigurationLoader.LoadFromString(ValidYaml + "\nfeatures: {auto_recall: false}\n", "f.yaml", s_options).Config!;

        Assert.False(config.IsFeatureEnabled(FeatureFlags.AutoRecall));
        Assert.Equal(FeatureFlags.All.Count, config.Features.Count);
        Assert.Equal(7, config.Features.Count(f => f.Value));
        Assert.All(FeatureFlags.All.Where(f => f != FeatureFlags.AutoRecall), f => Assert.True(config.IsFeatureEnabled(f), f));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\nfeatures:\n")]
    [InlineData("\nfeatures: {}\n")]
    public void LoadFromString_NoFeaturesGiven_AllDefaultsOn(string features)
    {
        var config = ConfigurationLoader.LoadFromString(ValidYaml + features, "f.yaml", s_options).Config!;

        Assert.Equal(FeatureFlags.Defaults, config.Features);
    }

    [Fact]
    public void LoadFromString_UnknownFeature_IsKeptButWarned()
    {
        var report = ConfigurationLoader.LoadFromString(ValidYaml + "\nfeatures: {auto_recal: false}\n", "f.yaml", s_options);

        Assert.Equal(IssueCodes.UnknownFeature, Assert.Single(report.Issues).Code);
        Assert.True(report.Config!.IsFeatureEnabled(FeatureFlags.AutoRecall));
    }

    [Fact]
    public void LoadFromString_UnknownKey_IsAWarningThatDoesNotBlock()
    {
        var report = ConfigurationLoader.LoadFromString(ValidYaml + "\ndebug_mod: true\n", "f.yaml", s_options);

        var issue = Assert.Single(report.Issues);
        Assert.Equal((IssueCodes.UnknownKey, IssueSeverity.Warning), (issue.Code, issue.Severity));
        Assert.True(report.Valid);
    }

    [Fact]
    public void LoadFromString_UnknownKeyInStrictMode_IsAnError()
    {
        var report = ConfigurationLoader.LoadFromString(ValidYaml + "\ndebug_mod: true\n", "f.yaml", s_strict);

        var issue = Assert.Single(report.Issues);
        Assert.Equal((IssueCodes.UnknownKey, IssueSeverity.Error, "debug_mod"), (issue.Code, issue.Severity, issue.Path));
        Assert.False(report.Valid);
    }

    [Fact]
    public void LoadFromString_NestedUnknownKeyInStrictMode_IsAnError()
    {
        var report = ConfigurationLoader.LoadFromString(ValidYaml + "\nperformance:\n  batchsize: 10\n", "f.yaml", s_strict);

        Assert.Equal(IssueSeverity.Error, Assert.Single(report.Issues, i => i.Code == IssueCodes.UnknownKey).Severity);
        Assert.False(report.Valid);
    }

    [Fact]
    public void LoadOrThrow_ValidFile_ReturnsTheConfig() =>
        Assert.Equal(EnvironmentPresets.Get(Env.Staging), ConfigurationLoader.LoadOrThrow(PresetFile(Env.Staging), s_options));

    [Fact]
    public void LoadOrThrow_FileWithErrors_ThrowsCarryingEveryError()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadOrThrow(BrokenFile("range-batch-size-zero.yaml"), s_options));

        var issue = Assert.Single(exception.Issues);
        Assert.Equal((IssueCodes.Range, "performance.batch_size"), (issue.Code, issue.Path));
        Assert.Contains(issue.ToString(), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrThrow_MissingFile_ThrowsWithLoadIssue()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadOrThrow(Path.Combine(Path.GetTempPath(), $"no-{Guid.NewGuid():N}.yaml"), s_options));

        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(exception.Issues).Code);
    }

    [Fact]
    public void LoadOrThrow_WarningOnly_ReturnsTheConfig() =>
        Assert.NotNull(ConfigurationLoader.LoadOrThrow(BrokenFile("unknown-key-top-level.yaml"), s_options));

    [Fact]
    public void LoadOrThrow_WarningInStrictMode_Throws()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadOrThrow(BrokenFile("unknown-feature.yaml"), s_strict));

        Assert.Equal(IssueCodes.UnknownFeature, Assert.Single(exception.Issues).Code);
    }

    [Fact]
    public void LoadFromString_SameTextTwice_GivesEqualButDistinctConfigs()
    {
        var yaml = EnvironmentPresets.GetYaml(Env.Production);

        var first = ConfigurationLoader.LoadFromString(yaml, "a.yaml", s_options).Config!;
        var second = ConfigurationLoader.LoadFromString(yaml, "b.yaml", s_options).Config!;

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void LoadFromString_ReorderedKeysAndPolicies_GiveEqualConfigs()
    {
        var a = "environment: staging\ntrigger_policies:\n  one: {min_context_length: 1}\n  two: {min_context_length: 2}\nbackend: {backend_settings: {api_key_env: K, host: h}}\n";
        var b = "backend: {backend_settings: {host: h, api_key_env: K}}\ntrigger_policies:\n  two: {min_context_length: 2}\n  one: {min_context_length: 1}\nenvironment: staging\n";

        Assert.Equal(ConfigurationLoader.LoadFromString(a, null, s_options).Config, ConfigurationLoader.LoadFromString(b, null, s_options).Config);
    }

    [Fact]
    public void LoadFromString_DifferentValue_GivesUnequalConfigs()
    {
        var a = ConfigurationLoader.LoadFromString(ValidYaml + "\nperformance: {batch_size: 10}\n", null, s_options).Config;
        var b = ConfigurationLoader.LoadFromString(ValidYaml + "\nperformance: {batch_size: 11}\n", null, s_options).Config;

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void LoadFromString_PoliciesSharingAnAnchor_BindBoth()
    {
        var yaml = ValidYaml + "\ntrigger_policies:\n  first: &policy\n    trigger_type: error\n    min_context_length: 3\n  second: *policy\n";

        var report = ConfigurationLoader.LoadFromString(yaml, null, s_options);

        Assert.True(report.Valid, string.Join("\n", report.Issues));
        Assert.Equal(report.Config!.TriggerPolicies["first"], report.Config.TriggerPolicies["second"]);
        Assert.Equal(MemoryTriggerType.Error, report.Config.TriggerPolicies["second"].TriggerType);
    }

    [Fact]
    public void LoadFromString_WithoutSourceName_LocatesIssuesInInput()
    {
        var issue = Assert.Single(ConfigurationLoader.LoadFromString(ValidYaml + "\nperformance:\n  batch_size: 0\n", null, s_options).Issues);

        Assert.StartsWith("<input>:7:15 error CFG-RANGE performance.batch_size: ", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromString_ManyProblems_ReportsAllOfThemInFileOrder()
    {
        var yaml = "performance:\n  batch_size: 0\n  cache_enabled: yes\nmonitoring:\n  log_level: verbose\nbackend:\n  backend_type: local\n  pool_size: 5\nvalidation_strict: false\n";

        var report = ConfigurationLoader.LoadFromString(yaml, "many.yaml", s_options);

        Assert.Equal(["performance.batch_size", "performance.cache_enabled", "monitoring.log_level"], report.Errors.Select(i => i.Path));
        Assert.Equal([2, 3, 5], report.Errors.Select(i => i.Line ?? 0));
    }

    [Fact]
    public void LoadFromString_ValidText_HasConfigAndScore()
    {
        var report = ConfigurationLoader.LoadFromString(ValidYaml, "ok.yaml", s_options);

        Assert.True(report.Valid);
        Assert.True(report.SchemaValid);
        Assert.True(report.RuntimeValid);
        Assert.Empty(report.Issues);
        Assert.NotNull(report.Score);
        Assert.Equal(MemoryBackend.Local, report.Config!.Backend.BackendType);
    }

    [Fact]
    public void LoadFromStream_WithByteOrderMark_LoadsAndLeavesTheStreamOpen()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ValidYaml)]);

        var report = ConfigurationLoader.LoadFromStream(stream, "bom.yaml", s_options);

        Assert.True(report.Valid, string.Join("\n", report.Issues));
        Assert.Equal(Env.Development, report.Config!.Environment);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Load_FileWithByteOrderMarkAndCrLf_LoadsWithCorrectPositions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"memorytriggers-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, (ValidYaml + "\nperformance:\n  batch_size: 0\n").ReplaceLineEndings("\r\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var issue = Assert.Single(ConfigurationLoader.Load(file, s_options).Issues);

            Assert.Equal((IssueCodes.Range, 7, 15), (issue.Code, issue.Line ?? 0, issue.Column ?? 0));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
