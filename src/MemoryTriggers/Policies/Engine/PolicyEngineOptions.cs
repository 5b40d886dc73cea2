using MemoryTriggers.Actions;
using MemoryTriggers.Policies.State;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Policies;

/// <summary>The engine's collaborators: clock, randomness, state, executors and environment.</summary>
public sealed record PolicyEngineOptions
{
    /// <summary>Gets the clock for time_range, cooldowns, rate windows and <c>${timestamp}</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the source of randomness in [0, 1) for <c>probability</c> conditions.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>Gets the state store; null creates an <see cref="InMemoryPolicyStateStore"/>.</summary>
    public IPolicyStateStore? StateStore { get; init; }

    /// <summary>Gets the executors of the actions; a type without one fails with a clear error.</summary>
    public IReadOnlyList<IPolicyActionExecutor> Executors { get; init; } = [];

    /// <summary>Gets how <c>${env:NAME}</c> reads a variable.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Gets the logger, if any.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Gets the deepest chain of chain_policy actions.</summary>
    /// <value>The default is 8.</value>
    public int MaxChainDepth { get; init; } = 8;
}
