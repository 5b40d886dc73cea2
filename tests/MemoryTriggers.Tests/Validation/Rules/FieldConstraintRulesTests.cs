using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class FieldConstraintRulesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(-1)]
    public void Check_IntegerOutsideRange_ReportsRangeError(int batchSize) =>
        AssertIssue(Single(Development with { Performance = new PerformanceConfig { BatchSize = batchSize } }, IssueCodes.Range), IssueSeverity.Error, "performance.batch_size");

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Check_IntegerAtRangeBounds_ReportsNothing(int batchSize) =>
        None(Development with { Performance = new PerformanceConfig { BatchSize = batchSize } }, IssueCodes.Range);

    [Theory]
    [InlineData(0.09)]
    [InlineData(300.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Check_NumberOutsideRange_ReportsRangeError(double timeout) =>
        AssertIssue(Single(Development with { Backend = Development.Backend with { ReadTimeout = timeout } }, IssueCodes.Range), IssueSeverity.Error, "backend.read_timeout");

    [Theory]
    [InlineData(0.1)]
    [InlineData(300.0)]
    public void Check_NumberAtRangeBounds_ReportsNothing(double timeout) =>
        None(Development with { Backend = Development.Backend with { ReadTimeout = timeout } }, IssueCodes.Range);

    [Fact]
    public void Check_TopLevelOutsideRange_ReportsRangeErrorAtRootPath() =>
        AssertIssue(Single(Development with { MaxMemoryOperationsPerSecond = 0, Performance = new PerformanceConfig { MaxConcurrentOperations = 1, RateLimitPerSecond = 1 } }, IssueCodes.Range), IssueSeverity.Error, "max_memory_operations_per_second");

    [Fact]
    public void Check_PolicyFieldOutsideRange_ReportsRangeErrorAtPolicyPath()
    {
        var config = Development.WithPolicy(Policy with { PatternSimilarityThreshold = 1.01 }, "nightly");

        AssertIssue(Single(config, IssueCodes.Range), IssueSeverity.Error, "trigger_policies.nightly.pattern_similarity_threshold");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0.0")]
    [InlineData("v1.0")]
    [InlineData("")]
    public void Check_ConfigVersionNotMajorMinor_ReportsPatternError(string version) =>
        AssertIssue(Single(Development with { ConfigVersion = version }, IssueCodes.Pattern), IssueSeverity.Error, "config_version");

    [Theory]
    [InlineData("1.0")]
    [InlineData("12.34")]
    public void Check_ConfigVersionMajorMinor_ReportsNothing(string version) =>
        None(Development with { ConfigVersion = version }, IssueCodes.Pattern);

    [Theory]
    [InlineData("debug")]
    [InlineData("TRACE")]
    [InlineData("")]
    public void Check_LogLevelNotAllowed_ReportsEnumError(string level) =>
        AssertIssue(Single(Development with { Monitoring = new MonitoringConfig { LogLevel = level } }, IssueCodes.Enum), IssueSeverity.Error, "monitoring.log_level");

    [Theory]
    [InlineData("DEBUG")]
    [InlineData("INFO")]
    [InlineData("WARNING")]
    [InlineData("ERROR")]
    [InlineData("CRITICAL")]
    public void Check_LogLevelAllowed_ReportsNothing(string level) =>
        None(Development with { Monitoring = new MonitoringConfig { LogLevel = level } }, IssueCodes.Enum);

    [Fact]
    public void Check_LowercaseLogLevel_SuggestsUpperCase() =>
        Assert.Contains("'DEBUG'", Single(Development with { Monitoring = new MonitoringConfig { LogLevel = "debug" } }, IssueCodes.Enum).Suggestion, StringComparison.Ordinal);
}
