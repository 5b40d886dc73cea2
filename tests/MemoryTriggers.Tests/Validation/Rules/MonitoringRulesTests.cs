using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class MonitoringRulesTests
{
    private static MemoryTriggerConfig With(MonitoringConfig monitoring) => Development with { Monitoring = monitoring };

    [Fact]
    public void Check_MetricsMoreOftenThanEveryTenSeconds_ReportsWarning() =>
        AssertIssue(Single(With(new MonitoringConfig { MetricsCollectionInterval = 9 }), IssueCodes.MetricsIntervalShort), IssueSeverity.Warning, "monitoring.metrics_collection_interval");

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 1)]
    public void Check_MetricsEveryTenSecondsOrOff_ReportsNothing(bool enabled, int interval) =>
        None(With(new MonitoringConfig { MetricsEnabled = enabled, MetricsCollectionInterval = interval }), IssueCodes.MetricsIntervalShort);

    [Theory]
    [InlineData(30, 30)]
    [InlineData(10, 30)]
    public void Check_HealthTimeoutNotBelowInterval_ReportsError(int interval, int timeout) =>
        AssertIssue(Single(With(new MonitoringConfig { HealthCheckInterval = interval, HealthCheckTimeout = timeout }), IssueCodes.HealthCheckTimeout), IssueSeverity.Error, "monitoring.health_check_timeout");

    [Theory]
    [InlineData(true, 30, 29)]
    [InlineData(false, 10, 30)]
    public void Check_HealthTimeoutBelowIntervalOrChecksOff_ReportsNothing(bool enabled, int interval, int timeout) =>
        None(With(new MonitoringConfig { HealthCheckEnabled = enabled, HealthCheckInterval = interval, HealthCheckTimeout = timeout }), IssueCodes.HealthCheckTimeout);

    [Fact]
    public void Check_AlertingWithoutChannels_ReportsWarning() =>
        AssertIssue(Single(With(new MonitoringConfig { AlertingEnabled = true }), IssueCodes.AlertChannelsEmpty), IssueSeverity.Warning, "monitoring.alert_channels");

    [Theory]
    [InlineData(true, "ops-webhook")]
    [InlineData(false, null)]
    public void Check_AlertingWithOneChannelOrOff_ReportsNothing(bool enabled, string? channel)
    {
        var channels = channel is null ? ValueList<string>.Empty : ValueList<string>.From([channel]);

        None(With(new MonitoringConfig { AlertingEnabled = enabled, AlertChannels = channels }), IssueCodes.AlertChannelsEmpty);
    }
}
