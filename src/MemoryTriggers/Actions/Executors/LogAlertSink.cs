using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// The alert channel that is always there, <c>log</c>: writes each alert as one structured log entry
/// at the level of its severity (info: Information, warning: Warning, error: Error, critical:
/// Critical), with its data as a scope.
/// </summary>
public sealed class LogAlertSink : IAlertSink
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LogAlertSink"/> class.</summary>
    /// <param name="logger">Where alerts are written.</param>
    public LogAlertSink(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public ValueTask<AlertDelivery> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        Write(alert, alert.Channels.Count == 0 ? "log" : string.Join(", ", alert.Channels));
        return ValueTask.FromResult(AlertDelivery.To("log"));
    }

    /// <summary>Writes the alert's log entry.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="channels">The channels the alert goes to, for the entry's text.</param>
    internal void Write(Alert alert, string channels)
    {
        var severity = alert.Severity;
        var level = AlertSeverity.ToLogLevel(severity);
        using (alert.Data.Count > 0 ? _logger.BeginScope(alert.Data) : null)
        {
            ExecutorLog.PolicyAlert(_logger, level, severity, alert.Type, alert.Urgency, alert.Rule, alert.Message, channels, alert.DecisionId);
        }
    }
}
