using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of the monitoring section.</summary>
internal static class MonitoringRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var m = c.Monitoring;
        if (m.MetricsEnabled && m.MetricsCollectionInterval < 10)
        {
            yield return Issue.Warning(IssueCodes.MetricsIntervalShort, "monitoring.metrics_collection_interval",
                $"metrics every {m.MetricsCollectionInterval} s cost more than they tell",
                "collect every 10 seconds or less often");
        }

        if (m.HealthCheckEnabled && m.HealthCheckTimeout >= m.HealthCheckInterval)
        {
            yield return Issue.Error(IssueCodes.HealthCheckTimeout, "monitoring.health_check_timeout",
                $"health_check_timeout ({m.HealthCheckTimeout} s) must be less than health_check_interval ({m.HealthCheckInterval} s)",
                "lower the timeout or raise the interval");
        }

        if (m.AlertingEnabled && m.AlertChannels.Count == 0)
        {
            yield return Issue.Warning(IssueCodes.AlertChannelsEmpty, "monitoring.alert_channels",
                "alerting is on but no alert channel is listed, so alerts go nowhere",
                "list channels, e.g. alert_channels: [ops-webhook], or turn alerting off");
        }
    }
}
