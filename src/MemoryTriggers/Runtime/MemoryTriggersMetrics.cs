using System.Diagnostics.Metrics;

namespace MemoryTriggers.Runtime;

/// <summary>
/// The instruments of the meter named <see cref="MeterName"/>: events by outcome, rule firings,
/// actions by type and status, memory operations and their latency, gated and rate-limited events,
/// queue depth. Create one per process (or per <see cref="IMeterFactory"/>) and share it.
/// </summary>
public sealed class MemoryTriggersMetrics : IDisposable
{
    /// <summary>The meter's name: <c>MemoryTriggers</c>.</summary>
    public const string MeterName = "MemoryTriggers";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _gated;
    private readonly Counter<long> _rules;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _memoryOperations;
    private readonly Histogram<double> _memoryLatency;
    private readonly Histogram<double> _eventLatency;
    private readonly UpDownCounter<long> _queueDepth;

    /// <summary>Initializes a new instance of the <see cref="MemoryTriggersMetrics"/> class.</summary>
    /// <param name="meterFactory">Makes the meter (the DI way); a meter of its own if null.</param>
    public MemoryTriggersMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _events = _meter.CreateCounter<long>("memorytriggers.events", "{event}", "Events processed, by trigger_type and outcome (processed, gated).");
        _gated = _meter.CreateCounter<long>("memorytriggers.events.gated", "{event}", "Events stopped before the policy engine, by reason.");
        _rules = _meter.CreateCounter<long>("memorytriggers.rules.fired", "{firing}", "Rule firings, by rule.");
        _actions = _meter.CreateCounter<long>("memorytriggers.actions", "{action}", "Actions run, by type and status.");
        _memoryOperations = _meter.CreateCounter<long>("memorytriggers.memory.operations", "{operation}", "Memory store operations, by operation and status (succeeded, failed, rate_limited).");
        _memoryLatency = _meter.CreateHistogram<double>("memorytriggers.memory.operation.duration", "ms", "Memory store operation latency.");
        _eventLatency = _meter.CreateHistogram<double>("memorytriggers.event.duration", "ms", "Time to process one event.");
        _queueDepth = _meter.CreateUpDownCounter<long>("memorytriggers.queue.depth", "{event}", "Events accepted and not yet processed.");
    }

    /// <summary>Gets the meter, for instruments of other components (the config manager's reload counters).</summary>
    public Meter Meter => _meter;

    /// <summary>Records one processed or gated event.</summary>
    /// <param name="result">The event's result.</param>
    public void Event(TriggerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var type = YamlNames.Of(result.TriggerType);
        _events.Add(1, new("trigger_type", type), new("outcome", YamlNames.Of(result.Outcome)));
        _eventLatency.Record(result.Duration.TotalMilliseconds, new KeyValuePair<string, object?>("trigger_type", type));
        if (result.Gate is { } gate)
        {
            _gated.Add(1, new("reason", YamlNames.Of(gate)), new("trigger_type", type));
        }

        foreach (var rule in result.Decision?.Results ?? [])
        {
            if (rule.Fired)
            {
                _rules.Add(1, new KeyValuePair<string, object?>("rule", rule.Rule));
            }

            foreach (var action in rule.Actions)
            {
                _actions.Add(1, new("type", YamlNames.Of(action.Type)), new("status", YamlNames.Of(action.Status)));
            }
        }
    }

    /// <summary>Records one memory store operation.</summary>
    /// <param name="operation">The operation (create, recall, …).</param>
    /// <param name="status">succeeded, failed or rate_limited.</param>
    /// <param name="duration">How long it took.</param>
    public void MemoryOperation(string operation, string status, TimeSpan duration)
    {
        _memoryOperations.Add(1, new("operation", operation), new("status", status));
        if (status != "rate_limited")
        {
            _memoryLatency.Record(duration.TotalMilliseconds, new("operation", operation), new("status", status));
        }
    }

    /// <summary>Adds to the queue depth (negative when events leave the queue).</summary>
    /// <param name="delta">The change.</param>
    public void QueueDepth(long delta) => _queueDepth.Add(delta);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
