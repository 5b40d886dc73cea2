using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Configuration;

public sealed class AlertChannelConfigTests
{
    private static readonly Dictionary<string, string?> s_noVariables = [];

    private const string Yaml = """
        environment: development
        validation_strict: true
        backend:
          backend_type: local
          pool_size: 1
        monitoring:
          alerting_enabled: true
          alert_channels: [ops]
          alert_channel_settings:
            ops:
              type: webhook
              url: https://hooks.example.com/alerts
              method: PUT
              headers: { Authorization: "Bearer ${env:OPS_TOKEN}" }
              timeout_seconds: 2.5
              min_severity: error
        security:
          webhook_allowed_hosts: ["*.example.com"]
        """;

    private static ValidationReport Load(string yaml) =>
        ConfigurationLoader.LoadFromString(yaml, "c.yaml", new LoadOptions { EnvironmentVariables = s_noVariables, Strict = true });

    [Fact]
    public void Load_ChannelSettingsAndAllowList_AreBound()
    {
        var report = Load(Yaml);

        Assert.Empty(report.Errors);
        var channel = report.Config!.Monitoring.AlertChannelSettings["ops"];
        Assert.Equal(new AlertChannelConfig
        {
            Url = "https://hooks.example.com/alerts",
            Method = "PUT",
            Headers = ValueMap<object?>.Empty.SetItem("Authorization", "Bearer ${env:OPS_TOKEN}"),
            TimeoutSeconds = 2.5,
            MinSeverity = "error",
        }, channel);
        Assert.Equal(["*.example.com"], report.Config.Security.WebhookAllowedHosts);
    }

    [Fact]
    public void ToYaml_ChannelSettings_RoundTrip()
    {
        var config = Load(Yaml).Config!;

        Assert.Equal(config, Load(ConfigWriter.ToYaml(config, new ConfigWriterOptions { Redact = false })).Config);
    }

    [Fact]
    public void ToYaml_Redacted_ShowsOnlySchemeHostAndPortOfChannelUrls()
    {
        var yaml = ConfigWriter.ToYaml(Load(Yaml).Config!, new ConfigWriterOptions { Redact = true });

        Assert.Contains("url: https://hooks.example.com/***", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("/alerts", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspelledChannelTypeAndUnknownKey_AreReportedAtTheirPaths()
    {
        var report = Load(Yaml.Replace("type: webhook", "type: webhok", StringComparison.Ordinal).Replace("min_severity", "min_sevrity", StringComparison.Ordinal));

        var type = Assert.Single(report.Errors, i => i.Code == IssueCodes.Enum);
        Assert.Equal("monitoring.alert_channel_settings.ops.type", type.Path);
        Assert.Equal("did you mean 'webhook'?", type.Suggestion);
        var unknown = Assert.Single(report.Errors, i => i.Code == IssueCodes.UnknownKey);
        Assert.Equal("monitoring.alert_channel_settings.ops.min_sevrity", unknown.Path);
    }

    [Fact]
    public void Load_OutOfRangeChannelTimeout_IsARangeError()
    {
        var report = Load(Yaml.Replace("timeout_seconds: 2.5", "timeout_seconds: 0", StringComparison.Ordinal));

        Assert.Contains(report.Errors, i => i.Code == IssueCodes.Range && i.Path == "monitoring.alert_channel_settings.ops.timeout_seconds");
    }
}
