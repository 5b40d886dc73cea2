using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>Timeouts, batching, concurrency, caching and background processing.</summary>
public sealed record PerformanceConfig
{
    /// <summary>Gets the time allowed for one memory create, in seconds.</summary>
    /// <value>The default is 5.0.</value>
    [Range(0.1, 60.0)]
    [Description("Seconds allowed for one memory create.")]
    public double CreateTimeout { get; init; } = 5.0;

    /// <summary>Gets the time allowed for one recall, in seconds.</summary>
    /// <value>The default is 3.0.</value>
    [Range(0.1, 60.0)]
    [Description("Seconds allowed for one recall.")]
    public double RecallTimeout { get; init; } = 3.0;

    /// <summary>Gets the time allowed for one search, in seconds.</summary>
    /// <value>The default is 10.0.</value>
    [Range(0.1, 120.0)]
    [Description("Seconds allowed for one search.")]
    public double SearchTimeout { get; init; } = 10.0;

    /// <summary>Gets the number of writes sent to the store together.</summary>
    /// <value>The default is 50.</value>
    [Range(1, 1000)]
    [Description("Number of writes sent to the store together.")]
    public int BatchSize { get; init; } = 50;

    /// <summary>Gets the maximum number of store operations in flight.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 100)]
    [Description("Maximum number of store operations in flight.")]
    public int MaxConcurrentOperations { get; init; } = 10;

    /// <summary>Gets the per-second limit on store operations of this process.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 10000)]
    [Description("Per-second limit on store operations of this process.")]
    public int RateLimitPerSecond { get; init; } = 100;

    /// <summary>Gets a value indicating whether recall results are cached.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Cache recall results.")]
    public bool CacheEnabled { get; init; } = true;

    /// <summary>Gets how long a cached recall stays fresh, in seconds.</summary>
    /// <value>The default is 300.</value>
    [Range(1, 86400)]
    [Description("Seconds a cached recall stays fresh.")]
    public int CacheTtlSeconds { get; init; } = 300;

    /// <summary>Gets the maximum number of cached recalls.</summary>
    /// <value>The default is 1000.</value>
    [Range(1, 100000)]
    [Description("Maximum number of cached recalls.")]
    public int CacheMaxSize { get; init; } = 1000;

    /// <summary>Gets the memory budget of the cache and in-flight work, in megabytes.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 10000)]
    [Description("Memory budget of the cache and in-flight work, in megabytes.")]
    public int MaxMemorySizeMb { get; init; } = 100;

    /// <summary>Gets the fraction of <see cref="MaxMemorySizeMb"/> at which cleanup starts.</summary>
    /// <value>The default is 0.8.</value>
    [Range(0.1, 1.0)]
    [Description("Fraction of max_memory_size_mb at which cleanup starts.")]
    public double MemoryCleanupThreshold { get; init; } = 0.8;

    /// <summary>Gets the lowest quality score a memory may have to be stored.</summary>
    /// <value>The default is 0.6.</value>
    [Range(0.0, 1.0)]
    [Description("Lowest quality score a memory may have to be stored.")]
    public double MinMemoryQualityScore { get; init; } = 0.6;

    /// <summary>Gets the maximum number of memories returned for one context.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 10000)]
    [Description("Maximum number of memories returned for one context.")]
    public int MaxMemoriesPerContext { get; init; } = 100;

    /// <summary>Gets a value indicating whether events are processed on background workers.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Process events on background workers.")]
    public bool BackgroundProcessingEnabled { get; init; } = true;

    /// <summary>Gets the capacity of the background queue.</summary>
    /// <value>The default is 1000.</value>
    [Range(1, 100000)]
    [Description("Capacity of the background queue.")]
    public int BackgroundQueueSize { get; init; } = 1000;

    /// <summary>Gets the number of background workers.</summary>
    /// <value>The default is 3.</value>
    [Range(1, 50)]
    [Description("Number of background workers.")]
    public int WorkerThreadCount { get; init; } = 3;
}
