using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Cross-field rules of the performance section and the global rate limit.</summary>
internal static class PerformanceRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var p = c.Performance;
        if (p.MaxConcurrentOperations > c.MaxMemoryOperationsPerSecond)
        {
            yield return Issue.Error(IssueCodes.ConcurrencyExceedsGlobalRate, "performance.max_concurrent_operations",
                $"max_concurrent_operations ({p.MaxConcurrentOperations}) cannot exceed max_memory_operations_per_second ({c.MaxMemoryOperationsPerSecond})",
                "lower max_concurrent_operations or raise max_memory_operations_per_second");
        }

        // The reference compared concurrency x rate with twice the global rate, which every preset tripped;
        // what can really be wrong is a per-process rate that the global rate never lets happen.
        if (p.RateLimitPerSecond > c.MaxMemoryOperationsPerSecond)
        {
            yield return Issue.Warning(IssueCodes.RateLimitExceedsGlobal, "performance.rate_limit_per_second",
                $"rate_limit_per_second ({p.RateLimitPerSecond}) is above max_memory_operations_per_second ({c.MaxMemoryOperationsPerSecond}) and can never be reached",
                "set rate_limit_per_second to at most max_memory_operations_per_second");
        }

        if (p.CreateTimeout < p.RecallTimeout)
        {
            yield return Issue.Warning(IssueCodes.CreateTimeoutBelowRecall, "performance.create_timeout",
                $"create_timeout ({p.CreateTimeout} s) is shorter than recall_timeout ({p.RecallTimeout} s); creates usually take longer",
                "make create_timeout at least recall_timeout");
        }

        if (p.CacheEnabled && p.CacheTtlSeconds > 3600)
        {
            yield return Issue.Info(IssueCodes.CacheTtlLong, "performance.cache_ttl_seconds",
                $"cached recalls stay fresh for {p.CacheTtlSeconds} s, more than an hour; new memories show up late",
                "use a TTL of an hour or less unless memories rarely change");
        }

        if (p.MinMemoryQualityScore < 0.3)
        {
            yield return Issue.Warning(IssueCodes.QualityThresholdLow, "performance.min_memory_quality_score",
                $"min_memory_quality_score {p.MinMemoryQualityScore} lets low-quality memories in",
                "use 0.3 or more");
        }

        var cacheMb = p.MaxMemoriesPerContext * p.CacheMaxSize * 0.001;
        if (cacheMb > p.MaxMemorySizeMb)
        {
            yield return Issue.Warning(IssueCodes.MemoryBudgetLow, "performance.max_memory_size_mb",
                $"a full recall cache ({p.CacheMaxSize} entries x {p.MaxMemoriesPerContext} memories x ~1 KB = {cacheMb:0} MB) does not fit in max_memory_size_mb ({p.MaxMemorySizeMb})",
                $"raise max_memory_size_mb to at least {Math.Ceiling(cacheMb)} or lower cache_max_size or max_memories_per_context");
        }

        if (p.WorkerThreadCount > 20)
        {
            yield return Issue.Warning(IssueCodes.WorkerCountHigh, "performance.worker_thread_count",
                $"{p.WorkerThreadCount} background workers will mostly wait on each other",
                "use at most 20 workers; raise max_concurrent_operations instead");
        }

        if (p.BackgroundQueueSize > 10000)
        {
            yield return Issue.Warning(IssueCodes.QueueSizeHigh, "performance.background_queue_size",
                $"a queue of {p.BackgroundQueueSize} events hides overload and delays processing",
                "use at most 10000 and let callers see backpressure");
        }
    }
}
