using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation;

public sealed class ComprehensiveValidatorTests
{
    private static readonly LoadOptions s_options = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private static readonly MemoryTriggerConfig s_clean = new()
    {
        ValidationStrict = false,
        Backend = new BackendConfig { BackendType = MemoryBackend.Local, PoolSize = 5 },
    };

    [Fact]
    public void ValidateConfiguration_CleanCodeBuiltConfig_IsValidWithScore()
    {
        var report = new ComprehensiveValidator(s_options).ValidateConfiguration(s_clean);

        Assert.True(report.Valid);
        Assert.True(report.SchemaValid);
        Assert.Empty(report.Issues);
        Assert.Same(s_clean, report.Config);
        Assert.Equal(1.0, report.PerformanceScore);
        Assert.Equal(PerformanceScorer.Score(s_clean).Factors, report.Score!.Factors);
    }

    [Fact]
    public void ValidateConfiguration_BrokenCodeBuiltConfig_ReportsEveryRuleWithoutLocation()
    {
        // Arrange
        var config = s_clean with
        {
            Performance = new PerformanceConfig { BatchSize = 0 },
            Monitoring = new MonitoringConfig { HealthCheckInterval = 5, HealthCheckTimeout = 5 },
            TriggerPolicies = ValueMap<TriggerPolicyConfig>.Empty.SetItem("p", new TriggerPolicyConfig { SuccessThreshold = 0.1, FailureThreshold = 0.2 }),
        };

        // Act
        var report = new ComprehensiveValidator(s_options).ValidateConfiguration(config);

        // Assert
        Assert.False(report.Valid);
        Assert.False(report.RuntimeValid);
        Assert.Equal(
            [IssueCodes.Range, IssueCodes.HealthCheckTimeout, IssueCodes.TriggerThresholds],
            report.Errors.Select(i => i.Code));
        Assert.All(report.Issues, i => Assert.False(i.Location.HasPosition));
    }

    [Fact]
    public void ValidateConfiguration_SameAsRuntimeValidator()
    {
        var config = EnvironmentPresets.Get(Env.Testing) with { DebugMode = true, Environment = Env.Production };

        var comprehensive = new ComprehensiveValidator(s_options).ValidateConfiguration(config);
        var runtime = new RuntimeConfigurationValidator().ValidateRuntime(config);

        Assert.Equal(runtime.Issues, comprehensive.Issues);
        Assert.Contains(comprehensive.Errors, i => i.Code == IssueCodes.ProductionDebugMode);
    }

    [Fact]
    public void ValidateYaml_UsesTheOptionsGiven()
    {
        var validator = new ComprehensiveValidator(new LoadOptions { EnvironmentVariables = new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "0" } });

        var report = validator.ValidateYaml("environment: development\n", "c.yaml");

        Assert.Contains(report.Errors, i => i.Code == IssueCodes.Range && i.Location.Variable == "MEMORY_BATCH_SIZE");
    }

    [Fact]
    public void ValidateFile_Preset_IsValid()
    {
        var report = new ComprehensiveValidator(s_options).ValidateFile(Path.Combine(RepositoryRoot.Path, "environments", "production.yaml"));

        Assert.True(report.Valid, string.Join("\n", report.Issues));
        Assert.Equal(EnvironmentPresets.Get(Env.Production), report.Config);
    }

    [Fact]
    public void ValidateFile_MissingFile_ReportsLoadError() =>
        Assert.Equal(IssueCodes.LoadFailed, Assert.Single(new ComprehensiveValidator(s_options).ValidateFile("/no/such/dir/config.yaml").Issues).Code);
}
