using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli.Output;

/// <summary>Prints <c>memory-config stats</c> as text or JSON (keys of the reference tool, plus <c>performance_score</c>, limits, policy rules and the store).</summary>
internal static class StatsWriter
{
    public static void WriteJson(TextWriter output, Report report) =>
        MemoryWriter.WriteJson(output, json =>
        {
            var config = report.Config;
            json.WritePlain("file", report.File);
            json.WriteStartObject("configuration");
            json.WriteString("environment", YamlNames.Of(config.Environment));
            json.WriteString("version", config.ConfigVersion);
            json.WriteBoolean("global_enabled", config.GlobalEnabled);
            json.WriteBoolean("validation_strict", config.ValidationStrict);
            json.WriteBoolean("debug_mode", config.DebugMode);
            json.WriteBoolean("auto_reload", config.AutoReload);
            json.WriteEndObject();
            json.WriteNumber("performance_score", report.Score.Value);
            json.WriteStartArray("score_factors");
            foreach (var factor in report.Score.Factors)
            {
                json.WriteStartObject();
                json.WriteString("name", factor.Name);
                json.WriteNumber("multiplier", factor.Multiplier);
                json.WriteString("reason", factor.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("performance");
            json.WriteNumber("max_operations_per_second", config.MaxMemoryOperationsPerSecond);
            json.WriteNumber("batch_size", config.Performance.BatchSize);
            json.WriteNumber("max_concurrent", config.Performance.MaxConcurrentOperations);
            json.WriteBoolean("cache_enabled", config.Performance.CacheEnabled);
            json.WriteBoolean("background_processing", config.Performance.BackgroundProcessingEnabled);
            json.WriteEndObject();
            json.WritePlain("limits", Limits(config).ToDictionary(l => l.Key, l => l.Value));
            json.WriteStartObject("backend");
            json.WriteString("type", YamlNames.Of(config.Backend.BackendType));
            json.WriteBoolean("pool_enabled", config.Backend.PoolEnabled);
            json.WriteNumber("pool_size", config.Backend.PoolSize);
            json.WriteBoolean("encryption_enabled", config.Backend.EncryptionEnabled);
            json.WriteBoolean("failover_enabled", config.Backend.FailoverEnabled);
            json.WriteEndObject();
            json.WriteStartObject("policies");
            json.WriteNumber("count", config.TriggerPolicies.Count);
            json.WriteNumber("enabled", config.TriggerPolicies.Count(p => p.Value.Enabled));
            json.WriteNumber("disabled", config.TriggerPolicies.Count(p => !p.Value.Enabled));
            json.WritePlain("types", TriggerTypes(config).ToDictionary(t => t.Key, t => (object?)t.Value));
            json.WriteEndObject();
            json.WriteStartObject("policy_rules");
            json.WriteString("directory", report.PolicyDirectory);
            json.WriteBoolean("exists", report.Rules is not null);
            var rules = report.Rules?.Policies.Rules ?? ValueList<PolicyRule>.Empty;
            json.WriteNumber("count", rules.Count);
            json.WriteNumber("enabled", rules.Count(r => r.Enabled));
            json.WriteNumber("disabled", rules.Count(r => !r.Enabled));
            json.WritePlain("by_scope", Scopes(rules).ToDictionary(s => s.Key, s => (object?)s.Value));
            json.WriteNumber("errors", report.Rules?.Issues.Count(i => i.IsError) ?? 0);
            json.WriteEndObject();
            json.WriteStartObject("features");
            json.WritePlain("enabled_features", config.Features.Where(f => f.Value).Select(f => (object?)f.Key).ToList());
            json.WritePlain("disabled_features", config.Features.Where(f => !f.Value).Select(f => (object?)f.Key).ToList());
            json.WriteEndObject();
            if (report.Store is { } stats)
            {
                json.WriteStartObject("store");
                json.WriteString("backend", stats.Backend);
                json.WriteNumber("total", stats.Total);
                json.WriteNumber("archived", stats.Archived);
                json.WriteNumber("expired", stats.Expired);
                json.WritePlain("average_quality", stats.AverageQuality);
                json.WritePlain("by_category", stats.ByCategory.ToDictionary(e => e.Key, e => (object?)e.Value));
                json.WritePlain("storage_bytes", stats.StorageBytes);
                json.WriteBoolean("partial", stats.Partial);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("store");
            }

            json.WritePlain("store_error", report.StoreUnavailable);
        });

    public static void WriteText(Painter painter, Report report)
    {
        var config = report.Config;
        painter.Line(("Configuration: ", "bold"), (report.File ?? ConfigSource.DefaultsName, null));
        painter.Line($"  environment {YamlNames.Of(config.Environment)}, config_version {config.ConfigVersion}, global_enabled {Flag(config.GlobalEnabled)}, validation_strict {Flag(config.ValidationStrict)}, debug_mode {Flag(config.DebugMode)}, auto_reload {Flag(config.AutoReload)}");
        painter.Line(("Performance score: ", "bold"), (report.Score.Value.ToString("0.000", CultureInfo.InvariantCulture), null));
        foreach (var factor in report.Score.Factors.Where(f => f.Multiplier < 1.0))
        {
            painter.Line(string.Create(CultureInfo.InvariantCulture, $"  x{factor.Multiplier:0.###} {factor.Name}: {factor.Reason}"));
        }

        var on = config.Features.Where(f => f.Value).Select(f => f.Key).ToList();
        var off = config.Features.Where(f => !f.Value).Select(f => f.Key).ToList();
        painter.Line(("Features: ", "bold"), ($"{on.Count} on, {off.Count} off", null));
        painter.Line("  on: " + (on.Count == 0 ? "-" : string.Join(", ", on)));
        painter.Line("  off: " + (off.Count == 0 ? "-" : string.Join(", ", off)));
        var triggers = config.TriggerPolicies;
        painter.Line(("Trigger policies: ", "bold"), ($"{triggers.Count} ({triggers.Count(p => p.Value.Enabled)} enabled, {triggers.Count(p => !p.Value.Enabled)} disabled)", null));
        if (triggers.Count > 0)
        {
            painter.Line("  by type: " + string.Join(", ", TriggerTypes(config).Where(t => t.Value > 0).Select(t => $"{t.Key} {t.Value}")));
        }

        if (report.Rules is { } loaded)
        {
            var rules = loaded.Policies.Rules;
            var errors = loaded.Issues.Count(i => i.IsError);
            painter.Line(("Policy rules: ", "bold"), ($"{rules.Count} in {report.PolicyDirectory} ({rules.Count(r => r.Enabled)} enabled, {rules.Count(r => !r.Enabled)} disabled)", null),
                (errors > 0 ? $"; {errors} load errors, see memory-config validate --policies {report.PolicyDirectory}" : string.Empty, "red"));
            painter.Line("  by scope: " + string.Join(", ", Scopes(rules).Select(s => $"{s.Key} {s.Value}")));
        }
        else
        {
            painter.Line(("Policy rules: ", "bold"), ($"none (no directory {report.PolicyDirectory})", null));
        }

        painter.Line(("Limits:", "bold"));
        foreach (var (key, value) in Limits(config))
        {
            painter.Line($"  {key}: {Text(value)}");
        }

        var backend = config.Backend;
        painter.Line(("Backend: ", "bold"), ($"{YamlNames.Of(backend.BackendType)} (pool {(backend.PoolEnabled ? backend.PoolSize.ToString(CultureInfo.InvariantCulture) : "off")}, encryption {Flag(backend.EncryptionEnabled)}, failover {Flag(backend.FailoverEnabled)})", null));
        if (report.Store is { } stats)
        {
            painter.Line(("Store: ", "bold"), ($"{stats.Total} memor{(stats.Total == 1 ? "y" : "ies")} in the {stats.Backend} store{(stats.Partial ? " (first 1000 only)" : string.Empty)}, {stats.Archived} archived, {stats.Expired} expired", null));
        }
        else
        {
            painter.Line(("Store: ", "bold"), ("unavailable: " + report.StoreUnavailable, "yellow"));
        }
    }

    private static string Flag(bool on) => on ? "on" : "off";

    private static string Text(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private static IEnumerable<KeyValuePair<string, object?>> Limits(MemoryTriggerConfig config)
    {
        var p = config.Performance;
        return
        [
            new("max_memory_operations_per_second", config.MaxMemoryOperationsPerSecond),
            new("rate_limit_per_second", p.RateLimitPerSecond),
            new("max_concurrent_operations", p.MaxConcurrentOperations),
            new("batch_size", p.BatchSize),
            new("create_timeout", p.CreateTimeout),
            new("recall_timeout", p.RecallTimeout),
            new("search_timeout", p.SearchTimeout),
            new("cache_enabled", p.CacheEnabled),
            new("cache_ttl_seconds", p.CacheTtlSeconds),
            new("cache_max_size", p.CacheMaxSize),
            new("background_processing_enabled", p.BackgroundProcessingEnabled),
            new("background_queue_size", p.BackgroundQueueSize),
            new("worker_thread_count", p.WorkerThreadCount),
            new("max_memory_size_mb", p.MaxMemorySizeMb),
            new("max_memories_per_context", p.MaxMemoriesPerContext),
            new("min_memory_quality_score", p.MinMemoryQualityScore),
        ];
    }

    private static IEnumerable<KeyValuePair<string, int>> TriggerTypes(MemoryTriggerConfig config) =>
        Enum.GetValues<MemoryTriggerType>().Select(t => new KeyValuePair<string, int>(YamlNames.Of(t), config.TriggerPolicies.Count(p => p.Value.TriggerType == t)));

    private static IEnumerable<KeyValuePair<string, int>> Scopes(IReadOnlyList<PolicyRule> rules) =>
        Enum.GetValues<PolicyScope>().Select(s => new KeyValuePair<string, int>(YamlNames.Of(s), rules.Count(r => r.Scope == s)));

    /// <summary>What stats prints.</summary>
    internal sealed record Report(
        string? File,
        MemoryTriggerConfig Config,
        PerformanceScore Score,
        string PolicyDirectory,
        PolicyLoadResult? Rules,
        MemoryStoreStats? Store,
        string? StoreUnavailable);
}
