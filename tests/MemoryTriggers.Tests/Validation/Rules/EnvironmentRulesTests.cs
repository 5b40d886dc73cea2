using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class EnvironmentRulesTests
{
    [Fact]
    public void Check_DebugModeInProduction_ReportsError() =>
        AssertIssue(Single(Production with { DebugMode = true }, IssueCodes.ProductionDebugMode), IssueSeverity.Error, "debug_mode");

    [Fact]
    public void Check_DebugModeInStaging_ReportsNothing() =>
        None(Production with { Environment = Env.Staging, DebugMode = true }, IssueCodes.ProductionDebugMode);

    [Fact]
    public void Check_MetricsOffInProduction_ReportsWarning() =>
        AssertIssue(Single(Production with { Monitoring = new MonitoringConfig { MetricsEnabled = false } }, IssueCodes.ProductionMetricsOff), IssueSeverity.Warning, "monitoring.metrics_enabled");

    [Fact]
    public void Check_MetricsOffInDevelopment_ReportsNothing() =>
        None(Development with { Monitoring = new MonitoringConfig { MetricsEnabled = false } }, IssueCodes.ProductionMetricsOff);

    [Fact]
    public void Check_DebugLoggingInProduction_ReportsWarning() =>
        AssertIssue(Single(Production with { Monitoring = new MonitoringConfig { LogLevel = "DEBUG" } }, IssueCodes.ProductionDebugLogging), IssueSeverity.Warning, "monitoring.log_level");

    [Fact]
    public void Check_InfoLoggingInProduction_ReportsNothing() =>
        None(Production with { Monitoring = new MonitoringConfig { LogLevel = "INFO" } }, IssueCodes.ProductionDebugLogging);

    [Fact]
    public void Check_AutoReloadInProduction_ReportsWarning() =>
        AssertIssue(Single(Production with { AutoReload = true }, IssueCodes.ProductionAutoReload), IssueSeverity.Warning, "auto_reload");

    [Fact]
    public void Check_AutoReloadInStaging_ReportsNothing() =>
        None(Production with { Environment = Env.Staging, AutoReload = true }, IssueCodes.ProductionAutoReload);

    [Fact]
    public void Check_EncryptionOffInProduction_ReportsWarning()
    {
        var config = Production with { Backend = Production.Backend with { EncryptionEnabled = false, EncryptionKeyPath = null } };

        AssertIssue(Single(config, IssueCodes.ProductionEncryptionOff), IssueSeverity.Warning, "backend.encryption_enabled");
    }

    [Fact]
    public void Check_EncryptionOffInTesting_ReportsNothing() =>
        None(Development with { Environment = Env.Testing, Performance = new PerformanceConfig { BackgroundProcessingEnabled = false } }, IssueCodes.ProductionEncryptionOff);

    [Fact]
    public void Check_QualityAssessmentOffInProduction_ReportsInfo()
    {
        var config = Production with { Features = FeatureFlags.Defaults.SetItem(FeatureFlags.QualityAssessment, false) };

        AssertIssue(Single(config, IssueCodes.ProductionQualityOff), IssueSeverity.Info, "features.quality_assessment");
    }

    [Fact]
    public void Check_QualityAssessmentOffInStaging_ReportsNothing() =>
        None(Production with { Environment = Env.Staging, Features = FeatureFlags.Defaults.SetItem(FeatureFlags.QualityAssessment, false) }, IssueCodes.ProductionQualityOff);

    [Fact]
    public void Check_StrictInDevelopment_ReportsInfo() =>
        AssertIssue(Single(Development with { ValidationStrict = true }, IssueCodes.DevelopmentStrict), IssueSeverity.Info, "validation_strict");

    [Theory]
    [InlineData(Env.Development, false)]
    [InlineData(Env.Staging, true)]
    public void Check_NotStrictOrNotDevelopment_ReportsNothing(Env environment, bool strict) =>
        None(Development with { Environment = environment, ValidationStrict = strict }, IssueCodes.DevelopmentStrict);

    [Fact]
    public void Check_BackgroundProcessingInTesting_ReportsInfo()
    {
        var config = Development with { Environment = Env.Testing };

        AssertIssue(Single(config, IssueCodes.TestingBackgroundProcessing), IssueSeverity.Info, "performance.background_processing_enabled");
    }

    [Theory]
    [InlineData(Env.Testing, false)]
    [InlineData(Env.Development, true)]
    public void Check_NoBackgroundProcessingOrNotTesting_ReportsNothing(Env environment, bool background) =>
        None(Development with { Environment = environment, Performance = new PerformanceConfig { BackgroundProcessingEnabled = background } }, IssueCodes.TestingBackgroundProcessing);
}
