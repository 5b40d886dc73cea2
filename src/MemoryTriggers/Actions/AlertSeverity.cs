using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions;

/// <summary>
/// The severities of alerts, lowest first: info, warning, error, critical. An alert's severity comes
/// from its urgency (low: info, normal: warning, high: error, critical: critical; anything else:
/// warning), raised to its alert_type when that is itself a severity name (so <c>alert_type: critical</c>
/// is critical whatever the urgency).
/// </summary>
public static class AlertSeverity
{
    /// <summary>The severity names, lowest first.</summary>
    public static readonly IReadOnlyList<string> Names = ["info", "warning", "error", "critical"];

    /// <summary>Gets the severity of an alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>One of <see cref="Names"/>.</returns>
    public static string Of(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var fromUrgency = alert.Urgency.Trim().ToLowerInvariant() switch
        {
            "low" or "info" => 0,
            "high" or "error" => 2,
            "critical" => 3,
            _ => 1,
        };
        var fromType = Rank(alert.Type.Trim().ToLowerInvariant());
        return Names[Math.Max(fromUrgency, fromType)];
    }

    /// <summary>Gets the rank of a severity name, 0 (info) to 3 (critical); -1 for a name that is not a severity.</summary>
    /// <param name="severity">The name, lower case.</param>
    /// <returns>The rank.</returns>
    public static int Rank(string severity)
    {
        ArgumentNullException.ThrowIfNull(severity);
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], severity, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Gets the log level an alert of a severity is written at.</summary>
    /// <param name="severity">One of <see cref="Names"/>.</param>
    /// <returns>Information, Warning, Error or Critical.</returns>
    public static LogLevel ToLogLevel(string severity) => Rank(severity) switch
    {
        0 => LogLevel.Information,
        2 => LogLevel.Error,
        3 => LogLevel.Critical,
        _ => LogLevel.Warning,
    };
}
