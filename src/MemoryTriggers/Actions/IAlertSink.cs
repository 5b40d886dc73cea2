namespace MemoryTriggers.Actions;

/// <summary>Delivers alerts somewhere people or systems will see them.</summary>
public interface IAlertSink
{
    /// <summary>Delivers one alert; throws if it cannot be delivered.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the alert is delivered.</returns>
    ValueTask SendAsync(Alert alert, CancellationToken cancellationToken);
}
