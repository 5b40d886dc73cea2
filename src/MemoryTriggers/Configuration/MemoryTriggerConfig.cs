using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>
/// The whole configuration of the memory trigger system. Instances are immutable; a loaded
/// configuration is a snapshot that no caller can change.
/// </summary>
public sealed record MemoryTriggerConfig
{
    /// <summary>Gets the environment the configuration is written for.</summary>
    /// <value>The default is <see cref="Configuration.Environment.Development"/>.</value>
    [Description("Environment this configuration is written for.")]
    public Environment Environment { get; init; } = Environment.Development;

    /// <summary>Gets a value indicating whether debug behaviour is on.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    [Description("Debug behaviour; an error in production.")]
    public bool DebugMode { get; init; }

    /// <summary>Gets the version of the configuration format, MAJOR.MINOR.</summary>
    /// <value>The default is "1.0".</value>
    [RegularExpression(@"^\d+\.\d+$")]
    [Description("Version of the configuration format, MAJOR.MINOR (quote it: \"1.0\").")]
    public string ConfigVersion { get; init; } = "1.0";

    /// <summary>Gets a value indicating whether the trigger system is on at all.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Master switch of the trigger system.")]
    public bool GlobalEnabled { get; init; } = true;

    /// <summary>Gets the global limit on memory operations per second.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 10000)]
    [Description("Global limit on memory operations per second.")]
    public int MaxMemoryOperationsPerSecond { get; init; } = 100;

    /// <summary>Gets a value indicating whether the file is reloaded when it changes.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Reload this file when it changes (also needs features.hot_reloading).")]
    public bool AutoReload { get; init; } = true;

    /// <summary>Gets a value indicating whether the runtime loads this file in strict mode.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Load in strict mode at runtime: unknown keys are errors.")]
    public bool ValidationStrict { get; init; } = true;

    /// <summary>Gets the performance settings.</summary>
    [Description("Timeouts, batching, concurrency, caching and background processing.")]
    public PerformanceConfig Performance { get; init; } = new();

    /// <summary>Gets the lifecycle settings.</summary>
    [Description("Retention, cleanup, archival, migration and compression.")]
    public LifecyclePolicyConfig Lifecycle { get; init; } = new();

    /// <summary>Gets the monitoring settings.</summary>
    [Description("Metrics, health checks, logging and alerting.")]
    public MonitoringConfig Monitoring { get; init; } = new();

    /// <summary>Gets the backend settings.</summary>
    [Description("Which memory store is used and how it is reached.")]
    public BackendConfig Backend { get; init; } = new();

    /// <summary>Gets the security settings.</summary>
    [Description("Where the system may send requests: the webhook host allow-list.")]
    public SecurityConfig Security { get; init; } = new();

    /// <summary>Gets the trigger policies, by name.</summary>
    /// <value>The default is empty.</value>
    [Description("Trigger policies, by name.")]
    public ValueMap<TriggerPolicyConfig> TriggerPolicies { get; init; } = ValueMap<TriggerPolicyConfig>.Empty;

    /// <summary>Gets the feature toggles; a file's entries merge over <see cref="FeatureFlags.Defaults"/>.</summary>
    /// <value>The default has every feature in <see cref="FeatureFlags.All"/> on.</value>
    [Description("Feature toggles; entries given here merge over the defaults (all on).")]
    public ValueMap<bool> Features { get; init; } = FeatureFlags.Defaults;

    /// <summary>Gets a value indicating whether a feature is on; unknown features are off.</summary>
    /// <param name="name">The feature name, for example <see cref="FeatureFlags.AutoRecall"/>.</param>
    /// <returns><see langword="true"/> if the feature is on.</returns>
    public bool IsFeatureEnabled(string name) => Features.TryGetValue(name, out var on) && on;
}
