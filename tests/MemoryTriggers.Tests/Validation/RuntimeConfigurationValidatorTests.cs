using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Validation;

public sealed class RuntimeConfigurationValidatorTests
{
    private const string Yaml = "validation_strict: false\nbackend:\n  backend_type: local\n  pool_size: 5\nmonitoring:\n  health_check_interval: 5\n  health_check_timeout: 5\n";

    private static (MemoryTriggerConfig Config, ConfigDocument Document) Load()
    {
        var report = ConfigurationLoader.LoadFromString(Yaml, "rt.yaml", new LoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });
        var issues = new List<ValidationIssue>();
        return (report.Config!, ConfigDocumentParser.Parse(Yaml, "rt.yaml", issues));
    }

    [Fact]
    public void ValidateRuntime_WithDocument_LocatesEachIssueAtItsValue()
    {
        var (config, document) = Load();

        var issue = Assert.Single(new RuntimeConfigurationValidator().ValidateRuntime(config, document).Issues);

        Assert.Equal((IssueCodes.HealthCheckTimeout, "rt.yaml", 7, 25), (issue.Code, issue.File, issue.Line ?? 0, issue.Column ?? 0));
    }

    [Fact]
    public void ValidateRuntime_WithoutDocument_HasNoPositions()
    {
        var report = new RuntimeConfigurationValidator().ValidateRuntime(Load().Config);

        var issue = Assert.Single(report.Issues);
        Assert.False(issue.Location.HasPosition);
        Assert.True(report.SchemaValid);
        Assert.False(report.RuntimeValid);
        Assert.False(report.Valid);
    }

    [Fact]
    public void ValidateRuntime_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new RuntimeConfigurationValidator().ValidateRuntime(null!));
}
