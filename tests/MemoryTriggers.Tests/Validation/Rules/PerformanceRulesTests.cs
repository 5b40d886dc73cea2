using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class PerformanceRulesTests
{
    private static MemoryTriggerConfig With(PerformanceConfig performance, int globalRate = 100) =>
        Development with { MaxMemoryOperationsPerSecond = globalRate, Performance = performance };

    [Fact]
    public void Check_ConcurrencyAboveGlobalRate_ReportsError()
    {
        var config = With(new PerformanceConfig { MaxConcurrentOperations = 21, RateLimitPerSecond = 20 }, globalRate: 20);

        AssertIssue(Single(config, IssueCodes.ConcurrencyExceedsGlobalRate), IssueSeverity.Error, "performance.max_concurrent_operations");
    }

    [Fact]
    public void Check_ConcurrencyEqualToGlobalRate_ReportsNothing() =>
        None(With(new PerformanceConfig { MaxConcurrentOperations = 20, RateLimitPerSecond = 20 }, globalRate: 20), IssueCodes.ConcurrencyExceedsGlobalRate);

    [Fact]
    public void Check_RateLimitAboveGlobalRate_ReportsWarning() =>
        AssertIssue(Single(With(new PerformanceConfig { RateLimitPerSecond = 101 }), IssueCodes.RateLimitExceedsGlobal), IssueSeverity.Warning, "performance.rate_limit_per_second");

    [Fact]
    public void Check_RateLimitEqualToGlobalRate_ReportsNothing() =>
        None(With(new PerformanceConfig { RateLimitPerSecond = 100 }), IssueCodes.RateLimitExceedsGlobal);

    [Fact]
    public void Check_CreateTimeoutBelowRecallTimeout_ReportsWarning() =>
        AssertIssue(Single(With(new PerformanceConfig { CreateTimeout = 2.9, RecallTimeout = 3.0 }), IssueCodes.CreateTimeoutBelowRecall), IssueSeverity.Warning, "performance.create_timeout");

    [Fact]
    public void Check_CreateTimeoutEqualToRecallTimeout_ReportsNothing() =>
        None(With(new PerformanceConfig { CreateTimeout = 3.0, RecallTimeout = 3.0 }), IssueCodes.CreateTimeoutBelowRecall);

    [Fact]
    public void Check_CacheTtlAboveAnHour_ReportsInfo() =>
        AssertIssue(Single(With(new PerformanceConfig { CacheTtlSeconds = 3601 }), IssueCodes.CacheTtlLong), IssueSeverity.Info, "performance.cache_ttl_seconds");

    [Theory]
    [InlineData(3600, true)]
    [InlineData(86400, false)]
    public void Check_CacheTtlAnHourOrCacheOff_ReportsNothing(int ttl, bool cacheEnabled) =>
        None(With(new PerformanceConfig { CacheTtlSeconds = ttl, CacheEnabled = cacheEnabled }), IssueCodes.CacheTtlLong);

    [Fact]
    public void Check_QualityScoreBelowThreshold_ReportsWarning() =>
        AssertIssue(Single(With(new PerformanceConfig { MinMemoryQualityScore = 0.29 }), IssueCodes.QualityThresholdLow), IssueSeverity.Warning, "performance.min_memory_quality_score");

    [Fact]
    public void Check_QualityScoreAtThreshold_ReportsNothing() =>
        None(With(new PerformanceConfig { MinMemoryQualityScore = 0.3 }), IssueCodes.QualityThresholdLow);

    [Fact]
    public void Check_FullCacheLargerThanMemoryBudget_ReportsWarning()
    {
        // 1000 entries x 101 memories x 1 KB = 101 MB > 100 MB.
        var config = With(new PerformanceConfig { CacheMaxSize = 1000, MaxMemoriesPerContext = 101, MaxMemorySizeMb = 100 });

        AssertIssue(Single(config, IssueCodes.MemoryBudgetLow), IssueSeverity.Warning, "performance.max_memory_size_mb");
    }

    [Fact]
    public void Check_FullCacheExactlyFillsMemoryBudget_ReportsNothing() =>
        None(With(new PerformanceConfig { CacheMaxSize = 1000, MaxMemoriesPerContext = 100, MaxMemorySizeMb = 100 }), IssueCodes.MemoryBudgetLow);

    [Fact]
    public void Check_MoreThanTwentyWorkers_ReportsWarning() =>
        AssertIssue(Single(With(new PerformanceConfig { WorkerThreadCount = 21 }), IssueCodes.WorkerCountHigh), IssueSeverity.Warning, "performance.worker_thread_count");

    [Fact]
    public void Check_TwentyWorkers_ReportsNothing() =>
        None(With(new PerformanceConfig { WorkerThreadCount = 20 }), IssueCodes.WorkerCountHigh);

    [Fact]
    public void Check_QueueAboveTenThousand_ReportsWarning() =>
        AssertIssue(Single(With(new PerformanceConfig { BackgroundQueueSize = 10001 }), IssueCodes.QueueSizeHigh), IssueSeverity.Warning, "performance.background_queue_size");

    [Fact]
    public void Check_QueueOfTenThousand_ReportsNothing() =>
        None(With(new PerformanceConfig { BackgroundQueueSize = 10000 }), IssueCodes.QueueSizeHigh);
}
