using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Runtime;

/// <summary>Settings of a <see cref="MemoryTriggerService"/> that do not come from the configuration file.</summary>
public sealed record MemoryTriggerServiceOptions
{
    /// <summary>Gets the clock of gates, limits, caches and pattern windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the logger factory of the service and its actions.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Gets the factory of the webhook client (see <see cref="Actions.PolicyActionExecutors.AddHttpClient"/>); a default one if null.</summary>
    public IHttpClientFactory? HttpClientFactory { get; init; }

    /// <summary>Gets the instruments to record to; the service makes its own if null.</summary>
    public MemoryTriggersMetrics? Metrics { get; init; }

    /// <summary>Gets how long a group of similar events stays open after its last event.</summary>
    public TimeSpan PatternWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets how many similar events make a pattern.</summary>
    public int PatternMinOccurrences { get; init; } = 3;

    /// <summary>Gets the most memories auto-recall returns for one event (also capped by <c>performance.max_memories_per_context</c>).</summary>
    public int RecallLimit { get; init; } = 10;

    /// <summary>Gets the lookup of <c>${env:NAME}</c> in alert channel headers; the process environment if null.</summary>
    public Func<string, string?>? EnvironmentVariable { get; init; }
}
