namespace MemoryTriggers.Actions;

/// <summary>Delivers alerts somewhere people or systems will see them.</summary>
public interface IAlertSink
{
    /// <summary>
    /// Delivers one alert to its channels. A channel that fails is reported in the result and does
    /// not stop the others; throws only if the alert reaches no channel at all.
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>Which channels received, skipped or failed the alert.</returns>
    ValueTask<AlertDelivery> SendAsync(Alert alert, CancellationToken cancellationToken);
}
