using System.Globalization;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation;

/// <summary>
/// Scores a configuration from 0.0 to 1.0. The score is the product of one multiplier per factor,
/// each at most 1.0, so every point lost is explained by a factor; docs/configuration.md gives the formula.
/// </summary>
public static class PerformanceScorer
{
    /// <summary>Scores a configuration.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The score and its factors.</returns>
    public static PerformanceScore Score(MemoryTriggerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var p = config.Performance;
        var production = config.Environment == Configuration.Environment.Production;
        ScoreFactor[] factors =
        [
            Factor("timeouts", p.CreateTimeout <= 5.0 ? 1.0 : Math.Max(0.7, 1.0 - ((p.CreateTimeout - 5.0) / 20.0)),
                p.CreateTimeout <= 5.0 ? "create_timeout is 5 s or less" : F($"create_timeout {p.CreateTimeout} s is above 5 s; slow stores hold workers")),
            Factor("concurrency", p.MaxConcurrentOperations < 5 ? 0.85 : p.MaxConcurrentOperations > 50 ? 0.9 : 1.0,
                p.MaxConcurrentOperations < 5 ? F($"max_concurrent_operations {p.MaxConcurrentOperations} is below 5")
                : p.MaxConcurrentOperations > 50 ? F($"max_concurrent_operations {p.MaxConcurrentOperations} is above 50; contention")
                : "max_concurrent_operations is between 5 and 50"),
            Factor("cache", !p.CacheEnabled ? 0.8 : p.CacheTtlSeconds is < 60 or > 600 ? 0.95 : 1.0,
                !p.CacheEnabled ? "the recall cache is off"
                : p.CacheTtlSeconds is < 60 or > 600 ? F($"cache_ttl_seconds {p.CacheTtlSeconds} is outside 60-600")
                : "the recall cache is on with a TTL of 60-600 s"),
            Factor("batching", p.BatchSize < 20 ? 0.9 : 1.0,
                p.BatchSize < 20 ? F($"batch_size {p.BatchSize} is below 20; more round trips") : "batch_size is 20 or more"),
            Factor("quality_threshold", p.MinMemoryQualityScore < 0.4 ? 0.85 : p.MinMemoryQualityScore < 0.6 ? 0.95 : 1.0,
                p.MinMemoryQualityScore < 0.6 ? F($"min_memory_quality_score {p.MinMemoryQualityScore} stores low-value memories") : "min_memory_quality_score is 0.6 or more"),
            Factor("background_processing", p.BackgroundProcessingEnabled ? 1.0 : 0.85,
                p.BackgroundProcessingEnabled ? "events are processed in the background" : "events are processed on the caller's thread"),
            Factor("logging", config.Monitoring.LogLevel == "DEBUG" ? 0.9 : 1.0,
                config.Monitoring.LogLevel == "DEBUG" ? "DEBUG logging costs time per event" : "log level is INFO or quieter"),
            Factor("connection_pool", config.Backend.BackendType != MemoryBackend.Local && !config.Backend.PoolEnabled ? 0.9 : 1.0,
                config.Backend.BackendType != MemoryBackend.Local && !config.Backend.PoolEnabled ? "connections to a remote backend are not pooled" : "connections are pooled or the store is local"),
            Factor("production_hardening", !production ? 1.0 : (config.Backend.EncryptionEnabled ? 1.0 : 0.9) * (config.Monitoring.MetricsEnabled ? 1.0 : 0.9),
                !production ? "not production" : F($"encryption {(config.Backend.EncryptionEnabled ? "on" : "off")}, metrics {(config.Monitoring.MetricsEnabled ? "on" : "off")}")),
        ];
        var value = factors.Aggregate(1.0, (score, factor) => score * factor.Multiplier);
        return new PerformanceScore(Math.Round(value, 3), ValueList<ScoreFactor>.From(factors));
    }

    private static ScoreFactor Factor(string name, double multiplier, string reason) => new(name, Math.Round(multiplier, 3), reason);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
