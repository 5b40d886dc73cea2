using System.Diagnostics.Metrics;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>The reload counter and the last-reload-successful gauge, on a shared meter or one of its own.</summary>
internal sealed class ReloadMetrics : IDisposable
{
    public const string MeterName = "MemoryTriggers";
    public const string ReloadsName = "memorytriggers.config.reloads";
    public const string LastReloadSuccessfulName = "memorytriggers.config.last_reload_successful";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _reloads;
    private volatile bool _disposed;

    public ReloadMetrics(Meter? meter, Func<bool> lastReloadSucceeded)
    {
        _ownsMeter = meter is null;
        _meter = meter ?? new Meter(MeterName);
        _reloads = _meter.CreateCounter<long>(ReloadsName, "{reload}", "Configuration reloads, by outcome: success, failure or unchanged.");

        // A shared meter outlives the manager; after disposal the gauge reports nothing rather than a stale value.
        _meter.CreateObservableGauge(LastReloadSuccessfulName,
            () => _disposed ? [] : new[] { new Measurement<int>(lastReloadSucceeded() ? 1 : 0) },
            unit: null,
            description: "1 if the last configuration reload succeeded (or none failed since the last good load), else 0.");
    }

    public void Record(ReloadOutcome outcome) =>
        _reloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            ReloadOutcome.Success => "success",
            ReloadOutcome.Failure => "failure",
            _ => "unchanged",
        }));

    public void Dispose()
    {
        _disposed = true;
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
