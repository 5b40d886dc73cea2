using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation;

public sealed class PerformanceScorerTests
{
    private static readonly string[] s_factorNames =
        ["timeouts", "concurrency", "cache", "batching", "quality_threshold", "background_processing", "logging", "connection_pool", "production_hardening"];

    private static readonly MemoryTriggerConfig s_best = new();

    /// <summary>Configurations that each cost exactly one factor, keyed by the factor and an expected multiplier.</summary>
    public static TheoryData<string, string, double> OneFactorOff => new()
    {
        { "create_timeout_10", "timeouts", 0.75 },
        { "create_timeout_60", "timeouts", 0.7 },
        { "concurrency_4", "concurrency", 0.85 },
        { "concurrency_51", "concurrency", 0.9 },
        { "cache_off", "cache", 0.8 },
        { "cache_ttl_59", "cache", 0.95 },
        { "cache_ttl_601", "cache", 0.95 },
        { "batch_19", "batching", 0.9 },
        { "quality_0.39", "quality_threshold", 0.85 },
        { "quality_0.59", "quality_threshold", 0.95 },
        { "background_off", "background_processing", 0.85 },
        { "debug_logging", "logging", 0.9 },
        { "remote_unpooled", "connection_pool", 0.9 },
        { "production_unencrypted", "production_hardening", 0.9 },
        { "production_no_metrics", "production_hardening", 0.9 },
        { "production_neither", "production_hardening", 0.81 },
    };

    private static MemoryTriggerConfig Build(string change) => change switch
    {
        "create_timeout_10" => s_best with { Performance = new PerformanceConfig { CreateTimeout = 10.0 } },
        "create_timeout_60" => s_best with { Performance = new PerformanceConfig { CreateTimeout = 60.0 } },
        "concurrency_4" => s_best with { Performance = new PerformanceConfig { MaxConcurrentOperations = 4 } },
        "concurrency_51" => s_best with { Performance = new PerformanceConfig { MaxConcurrentOperations = 51 } },
        "cache_off" => s_best with { Performance = new PerformanceConfig { CacheEnabled = false } },
        "cache_ttl_59" => s_best with { Performance = new PerformanceConfig { CacheTtlSeconds = 59 } },
        "cache_ttl_601" => s_best with { Performance = new PerformanceConfig { CacheTtlSeconds = 601 } },
        "batch_19" => s_best with { Performance = new PerformanceConfig { BatchSize = 19 } },
        "quality_0.39" => s_best with { Performance = new PerformanceConfig { MinMemoryQualityScore = 0.39 } },
        "quality_0.59" => s_best with { Performance = new PerformanceConfig { MinMemoryQualityScore = 0.59 } },
        "background_off" => s_best with { Performance = new PerformanceConfig { BackgroundProcessingEnabled = false } },
        "debug_logging" => s_best with { Monitoring = new MonitoringConfig { LogLevel = "DEBUG" } },
        "remote_unpooled" => s_best with { Backend = new BackendConfig { BackendType = MemoryBackend.Mem0, PoolEnabled = false } },
        "production_unencrypted" => s_best with { Environment = Env.Production },
        "production_no_metrics" => s_best with { Environment = Env.Production, Backend = new BackendConfig { EncryptionEnabled = true }, Monitoring = new MonitoringConfig { MetricsEnabled = false } },
        "production_neither" => s_best with { Environment = Env.Production, Monitoring = new MonitoringConfig { MetricsEnabled = false } },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    [Fact]
    public void Score_DefaultConfig_IsOneWithEveryFactorListed()
    {
        var score = PerformanceScorer.Score(s_best);

        Assert.Equal(1.0, score.Value);
        Assert.Equal(s_factorNames, score.Factors.Select(f => f.Name));
        Assert.All(score.Factors, f => Assert.Equal(1.0, f.Multiplier));
        Assert.All(score.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
    }

    [Theory]
    [MemberData(nameof(OneFactorOff))]
    public void Score_OneFactorOff_LowersTheScoreByThatFactorOnly(string change, string factor, double multiplier)
    {
        var score = PerformanceScorer.Score(Build(change));

        Assert.Equal(multiplier, score.Factors.Single(f => f.Name == factor).Multiplier, 3);
        Assert.All(score.Factors.Where(f => f.Name != factor), f => Assert.Equal(1.0, f.Multiplier));
        Assert.Equal(multiplier, score.Value, 3);
        Assert.True(score.Value < PerformanceScorer.Score(s_best).Value);
    }

    [Theory]
    [InlineData(Env.Development)]
    [InlineData(Env.Production)]
    public void Score_LocalBackendUnpooled_CostsNothing(Env environment)
    {
        var config = s_best with { Environment = environment, Backend = new BackendConfig { BackendType = MemoryBackend.Local, PoolEnabled = false, EncryptionEnabled = true } };

        Assert.Equal(1.0, PerformanceScorer.Score(config).Factors.Single(f => f.Name == "connection_pool").Multiplier);
    }

    [Fact]
    public void Score_EverythingBad_StaysWithinZeroAndOneAndEqualsTheProduct()
    {
        // Arrange
        var config = new MemoryTriggerConfig
        {
            Environment = Env.Production,
            Performance = new PerformanceConfig { CreateTimeout = 60, MaxConcurrentOperations = 1, CacheEnabled = false, BatchSize = 1, MinMemoryQualityScore = 0, BackgroundProcessingEnabled = false },
            Monitoring = new MonitoringConfig { LogLevel = "DEBUG", MetricsEnabled = false },
            Backend = new BackendConfig { PoolEnabled = false },
        };

        // Act
        var score = PerformanceScorer.Score(config);

        // Assert
        Assert.All(score.Factors, f => Assert.True(f.Multiplier < 1.0, f.Name));
        Assert.InRange(score.Value, 0.0, 1.0);
        Assert.Equal(Math.Round(score.Factors.Aggregate(1.0, (p, f) => p * f.Multiplier), 3), score.Value, 3);
    }

    [Theory]
    [InlineData(Env.Development)]
    [InlineData(Env.Testing)]
    [InlineData(Env.Staging)]
    [InlineData(Env.Production)]
    public void Score_Preset_IsTheProductOfItsFactorsAndWithinRange(Env environment)
    {
        var score = PerformanceScorer.Score(EnvironmentPresets.Get(environment));

        Assert.InRange(score.Value, 0.0, 1.0);
        Assert.All(score.Factors, f => Assert.InRange(f.Multiplier, 0.0, 1.0));
        Assert.Equal(Math.Round(score.Factors.Aggregate(1.0, (p, f) => p * f.Multiplier), 3), score.Value, 3);
    }

    [Fact]
    public void Score_LongerCreateTimeout_NeverScoresHigher()
    {
        var scores = new[] { 1.0, 5.0, 6.0, 10.0, 20.0, 60.0 }
            .Select(t => PerformanceScorer.Score(s_best with { Performance = new PerformanceConfig { CreateTimeout = t } }).Value)
            .ToArray();

        Assert.Equal(scores.OrderDescending(), scores);
    }
}
