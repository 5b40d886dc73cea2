using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions.Executors;

/// <summary>The alert channel that is always there: writes each alert as a Warning log entry, with its data as a scope.</summary>
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
    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        var channels = alert.Channels.Count == 0 ? "log" : string.Join(", ", alert.Channels);
        using (alert.Data.Count > 0 ? _logger.BeginScope(alert.Data) : null)
        {
            ExecutorLog.PolicyAlert(_logger, alert.Type, alert.Urgency, alert.Rule, alert.Message, channels, alert.DecisionId);
        }

        return ValueTask.CompletedTask;
    }
}
