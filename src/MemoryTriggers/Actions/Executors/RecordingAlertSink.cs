using System.Collections.Concurrent;

namespace MemoryTriggers.Actions.Executors;

/// <summary>An <see cref="IAlertSink"/> that keeps every alert, for tests and dry runs. Thread-safe.</summary>
public sealed class RecordingAlertSink : IAlertSink
{
    private readonly ConcurrentQueue<Alert> _alerts = new();

    /// <summary>Gets the alerts received so far, in order.</summary>
    public IReadOnlyList<Alert> Alerts => [.. _alerts];

    /// <inheritdoc />
    public ValueTask<AlertDelivery> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        _alerts.Enqueue(alert);
        return ValueTask.FromResult(AlertDelivery.To("recorded"));
    }
}
