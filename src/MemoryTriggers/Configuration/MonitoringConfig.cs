using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>Metrics, health checks, logging and alerting.</summary>
public sealed record MonitoringConfig
{
    /// <summary>Gets a value indicating whether metrics are collected.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Collect metrics.")]
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>Gets the seconds between metric collections.</summary>
    /// <value>The default is 60.</value>
    [Range(1, 3600)]
    [Description("Seconds between metric collections.")]
    public int MetricsCollectionInterval { get; init; } = 60;

    /// <summary>Gets how long metrics are kept, in days.</summary>
    /// <value>The default is 30.</value>
    [Range(1, 365)]
    [Description("Days metrics are kept.")]
    public int MetricsRetentionDays { get; init; } = 30;

    /// <summary>Gets a value indicating whether operation timings are monitored.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Monitor operation timings.")]
    public bool PerformanceMonitoringEnabled { get; init; } = true;

    /// <summary>Gets the duration above which an operation counts as slow, in milliseconds.</summary>
    /// <value>The default is 1000.</value>
    [Range(1, 60000)]
    [Description("Milliseconds above which an operation counts as slow.")]
    public int SlowOperationThresholdMs { get; init; } = 1000;

    /// <summary>Gets the error rate (0–1) above which the system is degraded.</summary>
    /// <value>The default is 0.05.</value>
    [Range(0.0, 1.0)]
    [Description("Error rate (0-1) above which the system counts as degraded.")]
    public double ErrorRateThreshold { get; init; } = 0.05;

    /// <summary>Gets a value indicating whether health checks run.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Run health checks.")]
    public bool HealthCheckEnabled { get; init; } = true;

    /// <summary>Gets the seconds between health checks.</summary>
    /// <value>The default is 30.</value>
    [Range(1, 3600)]
    [Description("Seconds between health checks.")]
    public int HealthCheckInterval { get; init; } = 30;

    /// <summary>Gets the seconds a health check may take.</summary>
    /// <value>The default is 5.</value>
    [Range(1, 300)]
    [Description("Seconds a health check may take; must be less than health_check_interval.")]
    public int HealthCheckTimeout { get; init; } = 5;

    /// <summary>Gets the log level: DEBUG, INFO, WARNING, ERROR or CRITICAL.</summary>
    /// <value>The default is INFO.</value>
    [AllowedValues("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")]
    [Description("Log level: DEBUG, INFO, WARNING, ERROR or CRITICAL.")]
    public string LogLevel { get; init; } = "INFO";

    /// <summary>Gets a value indicating whether each memory operation is logged.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Log each memory operation.")]
    public bool LogMemoryOperations { get; init; } = true;

    /// <summary>Gets a value indicating whether performance metrics are logged.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Log performance metrics.")]
    public bool LogPerformanceMetrics { get; init; }

    /// <summary>Gets a value indicating whether logs are structured.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Write structured logs.")]
    public bool StructuredLogging { get; init; } = true;

    /// <summary>Gets a value indicating whether alerts are sent.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Send alerts to alert_channels.")]
    public bool AlertingEnabled { get; init; }

    /// <summary>Gets the names of the channels alerts go to.</summary>
    /// <value>The default is empty.</value>
    [Description("Names of the channels alerts go to.")]
    public ValueList<string> AlertChannels { get; init; } = ValueList<string>.Empty;

    /// <summary>
    /// Gets the definitions of the channels named in <see cref="AlertChannels"/>, by name. The name
    /// <c>log</c> needs no definition: it is the structured log, which every alert reaches.
    /// </summary>
    /// <value>The default is empty.</value>
    [Description("Definitions of the alert channels, by name: type (log or webhook), url, method, headers, timeout_seconds, min_severity. 'log' needs none.")]
    public ValueMap<AlertChannelConfig> AlertChannelSettings { get; init; } = ValueMap<AlertChannelConfig>.Empty;

    /// <summary>Gets the number of errors that raises an alert.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 1000)]
    [Description("Number of errors that raises an alert.")]
    public int ErrorAlertThreshold { get; init; } = 10;

    /// <summary>Gets the slowdown factor that raises an alert.</summary>
    /// <value>The default is 2.0.</value>
    [Range(0.1, 100.0)]
    [Description("Slowdown factor that raises an alert.")]
    public double PerformanceAlertThreshold { get; init; } = 2.0;
}
