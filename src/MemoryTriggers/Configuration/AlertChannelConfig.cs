using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>One alert channel named in <c>monitoring.alert_channels</c>: the log, or a webhook that receives each alert as JSON.</summary>
public sealed record AlertChannelConfig
{
    /// <summary>Gets the channel's kind: <c>log</c> or <c>webhook</c>.</summary>
    /// <value>The default is <c>webhook</c>.</value>
    [AllowedValues("log", "webhook")]
    [Description("Kind of channel: log (a structured log entry) or webhook (an HTTP request with the alert as JSON).")]
    public string Type { get; init; } = "webhook";

    /// <summary>Gets the absolute http or https URL of a webhook channel; its host must pass <c>security.webhook_allowed_hosts</c>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Description("Absolute http or https URL of a webhook channel; its host must be in security.webhook_allowed_hosts.")]
    public string? Url { get; init; }

    /// <summary>Gets the HTTP method of a webhook channel: POST, PUT or PATCH.</summary>
    /// <value>The default is POST.</value>
    [AllowedValues("POST", "PUT", "PATCH")]
    [Description("HTTP method of a webhook channel: POST, PUT or PATCH.")]
    public string Method { get; init; } = "POST";

    /// <summary>
    /// Gets the headers a webhook channel sends. A value may contain <c>${env:NAME}</c>, replaced at
    /// delivery by the environment variable, so that secrets stay out of the file.
    /// </summary>
    /// <value>The default is empty.</value>
    [Description("Headers of a webhook channel; write secrets as ${env:NAME}, replaced by the environment variable at delivery.")]
    public ValueMap<object?> Headers { get; init; } = ValueMap<object?>.Empty;

    /// <summary>Gets the seconds one delivery to the channel may take, redirects included.</summary>
    /// <value>The default is 10.0.</value>
    [Range(0.1, 300.0)]
    [Description("Seconds one delivery to a webhook channel may take.")]
    public double TimeoutSeconds { get; init; } = 10.0;

    /// <summary>Gets the lowest alert severity the channel receives: info, warning, error or critical.</summary>
    /// <value>The default is info (every alert).</value>
    [AllowedValues("info", "warning", "error", "critical")]
    [Description("Lowest alert severity the channel receives: info, warning, error or critical.")]
    public string MinSeverity { get; init; } = "info";
}
