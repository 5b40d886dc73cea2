using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Internal;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Validation;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Runtime;

/// <summary>
/// The whole pipeline for one event (docs/operations.md, "Processing events"): the gates
/// (<c>global_enabled</c>, the feature toggle of its type, the trigger policies of its type), then
/// the policy engine and the actions against the store, limited by
/// <c>max_memory_operations_per_second</c>; auto-recall for agent start and error events; pattern
/// detection over recurring similar events. Thread-safe; <see cref="Apply"/> swaps configuration
/// and policies atomically, keeping cooldowns, rate windows and rule state.
/// </summary>
public sealed class MemoryTriggerService : IDisposable
{
    /// <summary>The payload fields an event's message is read from, in order.</summary>
    private static readonly string[] MessageFields = ["message", "error_message", "description", "summary", "text"];

    /// <summary>The payload fields besides the message that <c>agent_trigger_patterns</c> are looked for in.</summary>
    private static readonly string[] TriggerTextFields = ["event_type", "error_type", "operation", "status"];

    /// <summary>The payload fields that mark an agent event as a start when one of them is start, started or starting.</summary>
    private static readonly string[] PhaseFields = ["operation", "status", "phase"];

    private readonly IMemoryStore _store;
    private readonly MemoryTriggerServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly MemoryTriggersMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly ILogger _logger;
    private readonly IPolicyStateStore _ruleState = new InMemoryPolicyStateStore();
    private readonly TriggerGate _gate = new();
    private readonly PatternDetector _patterns;
    private readonly IHttpClientFactory _httpClients;
    private Runtime _runtime;

    /// <summary>Initializes a new instance of the <see cref="MemoryTriggerService"/> class.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="policies">The policy rules.</param>
    /// <param name="store">The memory store actions and recall use; the caller owns and disposes it.</param>
    /// <param name="options">Clock, logging, HTTP and metrics; defaults if null.</param>
    /// <exception cref="PolicyValidationException">The policies do not compile.</exception>
    public MemoryTriggerService(MemoryTriggerConfig config, PolicySet policies, IMemoryStore store, MemoryTriggerServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new MemoryTriggerServiceOptions();
        _time = _options.TimeProvider;
        _ownsMetrics = _options.Metrics is null;
        _metrics = _options.Metrics ?? new MemoryTriggersMetrics();
        _logger = _options.LoggerFactory.CreateLogger<MemoryTriggerService>();
        _patterns = new PatternDetector(_options.PatternWindow, _options.PatternMinOccurrences);
        _httpClients = _options.HttpClientFactory ?? PolicyActionExecutors.CreateDefaultHttpClientFactory();
        var issues = new List<ValidationIssue>();
        _runtime = Build(config, policies, null, issues) ?? throw new PolicyValidationException(issues);
    }

    /// <summary>Gets the configuration in force.</summary>
    public MemoryTriggerConfig Config => Volatile.Read(ref _runtime).Config;

    /// <summary>Gets the policy engine in force.</summary>
    public PolicyEngine Engine => Volatile.Read(ref _runtime).Engine;

    /// <summary>Gets the instruments the service records to.</summary>
    public MemoryTriggersMetrics Metrics => _metrics;

    /// <summary>
    /// Swaps in a new configuration and policy set in one step: an event is processed wholly under the
    /// old or wholly under the new. Policies that do not compile leave everything as it was.
    /// </summary>
    /// <param name="config">The new configuration.</param>
    /// <param name="policies">The new policies.</param>
    /// <returns>The compilation issues; if any is an error, nothing changed.</returns>
    public IReadOnlyList<ValidationIssue> Apply(MemoryTriggerConfig config, PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policies);
        var issues = new List<ValidationIssue>();
        if (Build(config, policies, Volatile.Read(ref _runtime), issues) is { } runtime)
        {
            Volatile.Write(ref _runtime, runtime);
        }

        return issues;
    }

    /// <summary>Runs one event through the pipeline.</summary>
    /// <param name="triggerEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened and why.</returns>
    public async Task<TriggerResult> ProcessAsync(TriggerEvent triggerEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triggerEvent);
        var result = await ProcessCoreAsync(triggerEvent, Volatile.Read(ref _runtime), derived: false, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMetrics)
        {
            _metrics.Dispose();
        }
    }

    /// <summary>The message of an event: the first text of <c>message</c>, <c>error_message</c>, <c>description</c>, <c>summary</c>, <c>text</c> in its payload.</summary>
    internal static string MessageOf(TriggerEvent e)
    {
        foreach (var field in MessageFields)
        {
            if (e.Payload.TryGetProperty(field, out var value) && TextOf(value) is { Length: > 0 } text)
            {
                return text;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// The text <c>agent_trigger_patterns</c> are looked for in: the message and the payload's
    /// <c>event_type</c>, <c>error_type</c>, <c>operation</c> and <c>status</c> (so a pattern such as
    /// <c>database_error</c> can name an error type).
    /// </summary>
    internal static string TriggerTextOf(TriggerEvent e, string message)
    {
        var text = new System.Text.StringBuilder(message);
        foreach (var field in TriggerTextFields)
        {
            if (e.Payload.TryGetProperty(field, out var value) && TextOf(value) is { } part)
            {
                text.Append(' ').Append(part);
            }
        }

        return text.ToString();
    }

    /// <summary>The context rules see: the payload's fields, with the event's own fields over them (<c>event_type</c> only if the payload has none).</summary>
    internal static PolicyContext ContextOf(TriggerEvent e, string? triggerPolicy)
    {
        var overlay = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["event_id"] = e.Id,
            ["trigger_type"] = YamlNames.Of(e.TriggerType),
            ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        };
        if (!e.Payload.TryGetProperty("event_type", out _))
        {
            overlay["event_type"] = YamlNames.Of(e.TriggerType);
        }

        void Add(string key, object? value)
        {
            if (value is not null)
            {
                overlay[key] = value;
            }
        }

        Add("agent_id", e.AgentId);
        Add("workflow_id", e.WorkflowId);
        Add("task_id", e.TaskId);
        Add("user_id", e.UserId);
        Add("session_id", e.SessionId);
        Add("success", e.Success);
        Add("confidence", e.Confidence);
        Add("quality_score", e.QualityScore);
        Add("trigger_policy", triggerPolicy);
        return new PolicyContext(e.Payload).With(overlay);
    }

    private async Task<TriggerResult> ProcessCoreAsync(TriggerEvent e, Runtime runtime, bool derived, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        var message = MessageOf(e);
        var gate = _gate.Check(runtime.Config, e, ContextOf(e, null), TriggerTextOf(e, message), now);
        TriggerResult result;
        if (!gate.Admitted)
        {
            result = new TriggerResult
            {
                EventId = e.Id,
                TriggerType = e.TriggerType,
                Outcome = TriggerOutcome.Gated,
                Gate = gate.Reason,
                TriggerPolicy = gate.Policy,
                Reason = gate.Message,
            };
        }
        else
        {
            var decision = await runtime.Engine.ExecuteRulesAsync(ContextOf(e, gate.Policy), EvaluationOptions.Default, cancellationToken).ConfigureAwait(false);
            result = new TriggerResult
            {
                EventId = e.Id,
                TriggerType = e.TriggerType,
                Outcome = TriggerOutcome.Processed,
                TriggerPolicy = gate.Policy,
                Reason = gate.Message + Summary(decision),
                Decision = decision,
            };
        }

        // Recall serves the agent whether or not a memory is made of the event; only a switched-off
        // type or system skips it.
        var switchedOff = gate.Reason is GateReason.GlobalDisabled or GateReason.FeatureDisabled;
        if (!switchedOff)
        {
            result = result with { RecalledMemories = await RecallAsync(e, message, runtime, cancellationToken).ConfigureAwait(false) };
        }

        // Recurring events are often the gated ones (cooldowns, limits), so they count too; an event
        // whose type is switched off does not.
        if (!derived && !switchedOff
            && runtime.Config.IsFeatureEnabled(FeatureFlags.PatternDetection)
            && PatternThreshold(runtime.Config, e.TriggerType) is { } threshold
            && message.Length > 0
            && _patterns.Observe(e, message, threshold, now) is { } pattern)
        {
            result = result with { Pattern = await ProcessCoreAsync(pattern, runtime, derived: true, cancellationToken).ConfigureAwait(false) };
        }

        result = result with { Duration = Stopwatch.GetElapsedTime(started) };
        _metrics.Event(result);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLog.EventProcessed(_logger, e.Id, e.TriggerType, result.Outcome, result.Reason);
        }

        if (runtime.Config.Monitoring.LogPerformanceMetrics)
        {
            RuntimeLog.EventTimed(_logger, e.Id, e.TriggerType, result.Duration.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>The similarity threshold of the first enabled trigger policy of the type with pattern detection on; 0.7 if the type has no policy; null if its policies all turn detection off.</summary>
    private static double? PatternThreshold(MemoryTriggerConfig config, MemoryTriggerType type)
    {
        var policies = config.TriggerPolicies.Values.Where(p => p.TriggerType == type && p.Enabled).ToList();
        return policies.Count == 0 ? 0.7 : policies.FirstOrDefault(p => p.PatternDetectionEnabled)?.PatternSimilarityThreshold;
    }

    /// <summary>Auto-recall: the memories relevant to an error event or an agent start event, through the recall cache.</summary>
    private async Task<IReadOnlyList<MemoryRecord>> RecallAsync(TriggerEvent e, string message, Runtime runtime, CancellationToken cancellationToken)
    {
        if (!runtime.Config.IsFeatureEnabled(FeatureFlags.AutoRecall) || message.Length == 0 || !(e.TriggerType == MemoryTriggerType.Error || IsAgentStart(e)))
        {
            return [];
        }

        var query = new MemoryQuery
        {
            Text = message,
            UserId = e.UserId,
            Limit = Math.Max(1, Math.Min(_options.RecallLimit, runtime.Config.Performance.MaxMemoriesPerContext)),
        };
        try
        {
            return runtime.Cache is { } cache
                ? await cache.GetOrRecallAsync(query, q => runtime.Store.RecallAsync(q, cancellationToken)).ConfigureAwait(false)
                : await runtime.Store.RecallAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Recall only informs the agent: a store that fails it (rate limit, timeout, outage) must not
            // lose the result of actions that already ran.
            RuntimeLog.RecallFailed(_logger, e.Id, exception.Message);
            return [];
        }
    }

    private static bool IsAgentStart(TriggerEvent e) =>
        e.TriggerType == MemoryTriggerType.Agent
        && PhaseFields.Any(f => e.Payload.TryGetProperty(f, out var v) && TextOf(v) is "start" or "started" or "starting");

    /// <summary>A JSON string's text; null for anything else, or for text that is not valid Unicode (an event built in code can hold it).</summary>
    private static string? TextOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private Runtime? Build(MemoryTriggerConfig config, PolicySet policies, Runtime? previous, List<ValidationIssue> issues)
    {
        var rate = config.MaxMemoryOperationsPerSecond;
        var bucket = previous is not null && previous.Config.MaxMemoryOperationsPerSecond == rate ? previous.Bucket : rate > 0 ? new TokenBucket(rate, _time) : null;
        var store = new GovernedMemoryStore(_store, bucket, _metrics, rate, config.Monitoring.LogMemoryOperations ? _logger : null);
        var performance = config.Performance;
        var cache = !performance.CacheEnabled || performance.CacheMaxSize <= 0 ? null
            : previous?.Cache is { } old && previous.Config.Performance.CacheMaxSize == performance.CacheMaxSize && previous.Config.Performance.CacheTtlSeconds == performance.CacheTtlSeconds ? old
            : new RecallCache(performance.CacheMaxSize, TimeSpan.FromSeconds(performance.CacheTtlSeconds), _time);
        var executors = PolicyActionExecutors.Create(config, store, _httpClients, _options.LoggerFactory, _time, _options.EnvironmentVariable);
        var engine = new PolicyEngine(policies, new PolicyEngineOptions
        {
            TimeProvider = _time,
            StateStore = _ruleState,
            Executors = executors,
            Logger = _options.LoggerFactory.CreateLogger<PolicyEngine>(),
        });
        issues.AddRange(engine.CompilationIssues);
        return issues.Any(i => i.IsError) ? null : new Runtime(config, engine, store, bucket, cache);
    }

    private sealed record Runtime(MemoryTriggerConfig Config, PolicyEngine Engine, IMemoryStore Store, TokenBucket? Bucket, RecallCache? Cache);

    /// <summary>" Rules fired: a, b." or " No rule fired.", then the rules a limit held and the actions that failed.</summary>
    private static string Summary(PolicyDecision decision)
    {
        var text = new StringBuilder();
        var fired = decision.FiredRules.ToList();
        text.Append(fired.Count == 0 ? " No rule fired." : $" Rules fired: {string.Join(", ", fired)}.");
        var held = decision.Results
            .Where(r => r.Outcome is RuleOutcome.Cooldown or RuleOutcome.MaxExecutions or RuleOutcome.RateLimited)
            .Select(r => $"{r.Rule} ({Names.ToSnakeCase(r.Outcome.ToString())})")
            .ToList();
        if (held.Count > 0)
        {
            text.Append(" Held by limits: ").AppendJoin(", ", held).Append('.');
        }

        var failed = decision.Results
            .SelectMany(r => r.Actions.Where(a => a.Status == ActionStatus.Failed).Select(a => $"{r.Rule}/{Names.ToSnakeCase(a.Type.ToString())}: {a.Error}"))
            .ToList();
        if (failed.Count > 0)
        {
            text.Append(" Failed actions: ").AppendJoin("; ", failed).Append('.');
        }

        return text.ToString();
    }
}
