using System.Diagnostics.Metrics;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>A meter of the test's own with a listener that records the reload counter by outcome and reads the gauge.</summary>
internal sealed class ReloadMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _sync = new();
    private readonly Dictionary<string, long> _reloads = new(StringComparer.Ordinal);
    private readonly List<(string Outcome, TaskCompletionSource Done)> _waiters = [];
    private int? _lastSuccessful;

    public ReloadMeasurements()
    {
        Meter = new Meter("MemoryTriggers");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "memorytriggers.config.reloads")
            {
                var outcome = tags.ToArray().Single(t => t.Key == "outcome").Value as string ?? "?";
                List<TaskCompletionSource> ready = [];
                lock (_sync)
                {
                    _reloads[outcome] = _reloads.GetValueOrDefault(outcome) + value;
                    ready.AddRange(_waiters.Where(w => w.Outcome == outcome).Select(w => w.Done));
                    _waiters.RemoveAll(w => w.Outcome == outcome);
                }

                ready.ForEach(d => d.TrySetResult());
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "memorytriggers.config.last_reload_successful")
            {
                _lastSuccessful = value;
            }
        });
        _listener.Start();
    }

    public Meter Meter { get; }

    public long Count(string outcome)
    {
        lock (_sync)
        {
            return _reloads.GetValueOrDefault(outcome);
        }
    }

    /// <summary>Reads the gauge now; null when it reported nothing.</summary>
    public int? LastReloadSuccessful()
    {
        _lastSuccessful = null;
        _listener.RecordObservableInstruments();
        return _lastSuccessful;
    }

    /// <summary>Waits until the counter has recorded an outcome at least once more than <paramref name="seen"/> times.</summary>
    public async Task OutcomeAsync(string outcome, long seen = 0)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (_reloads.GetValueOrDefault(outcome) > seen)
            {
                return;
            }

            _waiters.Add((outcome, done));
        }

        await done.Task.WaitAsync(ReloadEvents.Timeout);
    }

    public void Dispose()
    {
        _listener.Dispose();
        Meter.Dispose();
    }
}
