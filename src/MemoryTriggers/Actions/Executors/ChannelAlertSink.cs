using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemoryTriggers.Configuration;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Delivers alerts to the channels of <c>monitoring</c>: the <c>log</c> channel always, and, when
/// <c>alerting_enabled</c> is true, each channel the alert names (else each of
/// <c>monitoring.alert_channels</c>) that <c>monitoring.alert_channel_settings</c> defines and whose
/// <c>min_severity</c> the alert reaches. A webhook channel receives the alert as JSON (see
/// <see cref="Body"/>) with the channel's method and headers, <c>${env:NAME}</c> in a header replaced
/// by the environment variable, within the channel's <c>timeout_seconds</c>. Channels are reached
/// concurrently; one that fails (no answer, a status outside 200–299, an unknown name, a missing
/// variable) is reported in the <see cref="AlertDelivery"/> and logged, and does not stop the others.
/// Thread-safe.
/// </summary>
public sealed partial class ChannelAlertSink : IAlertSink
{
    private readonly MonitoringConfig _monitoring;
    private readonly IWebhookSender _sender;
    private readonly LogAlertSink _log;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _environment;
    private readonly string _environmentName;

    /// <summary>Initializes a new instance of the <see cref="ChannelAlertSink"/> class.</summary>
    /// <param name="config">The configuration whose monitoring section defines the channels.</param>
    /// <param name="sender">Sends the webhook channels' requests, for example an <see cref="HttpWebhookSender"/> with the allow-list.</param>
    /// <param name="logger">The log channel's logger.</param>
    /// <param name="environment">Looks up the variables of <c>${env:NAME}</c> in headers; the process environment if null.</param>
    public ChannelAlertSink(MemoryTriggerConfig config, IWebhookSender sender, ILogger logger, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(logger);
        _monitoring = config.Monitoring;
        _environmentName = YamlNames.Of(config.Environment);
        _sender = sender;
        _logger = logger;
        _log = new LogAlertSink(logger);
        _environment = environment ?? System.Environment.GetEnvironmentVariable;
    }

    /// <summary>
    /// Builds the JSON body a webhook channel receives: <c>name</c> (the alert_type), <c>severity</c>,
    /// <c>urgency</c>, <c>message</c>, <c>rule</c>, <c>decision_id</c>, <c>timestamp</c> (UTC, ISO 8601
    /// with milliseconds), <c>environment</c>, <c>channel</c> and <c>context</c> (the alert's data map).
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="channel">The channel's name.</param>
    /// <param name="environment">The configuration's environment name.</param>
    /// <returns>The compact JSON text.</returns>
    public static string Body(Alert alert, string channel, string environment)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = new JsonObject
        {
            ["name"] = alert.Type,
            ["severity"] = alert.Severity,
            ["urgency"] = alert.Urgency,
            ["message"] = alert.Message,
            ["rule"] = alert.Rule,
            ["decision_id"] = alert.DecisionId,
            ["timestamp"] = alert.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["environment"] = environment,
            ["channel"] = channel,
            ["context"] = JsonSerializer.SerializeToNode(alert.Data),
        };
        return body.ToJsonString();
    }

    /// <inheritdoc />
    public async ValueTask<AlertDelivery> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        var targets = (alert.Channels.Count > 0 ? alert.Channels : _monitoring.AlertChannels)
            .Select(c => c.Trim())
            .Where(c => c.Length > 0 && c != "log")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _log.Write(alert, string.Join(", ", targets.Prepend("log")));

        var delivered = new List<string> { "log" };
        var skipped = new List<string>();
        var failed = new List<KeyValuePair<string, string>>();
        if (!_monitoring.AlertingEnabled)
        {
            return new AlertDelivery { Delivered = ValueList<string>.From(delivered), Skipped = ValueList<string>.From(targets) };
        }

        var severity = AlertSeverity.Rank(alert.Severity);
        var sends = new List<(string Name, Task<string?> Outcome)>();
        foreach (var name in targets)
        {
            if (!_monitoring.AlertChannelSettings.TryGetValue(name, out var channel))
            {
                failed.Add(new(name, $"no alert channel named '{name}' is defined in monitoring.alert_channel_settings"));
            }
            else if (severity < AlertSeverity.Rank(channel.MinSeverity))
            {
                skipped.Add(name);
            }
            else if (channel.Type == "log")
            {
                delivered.Add(name);
            }
            else
            {
                sends.Add((name, DeliverAsync(alert, name, channel, cancellationToken)));
            }
        }

        foreach (var (name, outcome) in sends)
        {
            if (await outcome.ConfigureAwait(false) is { } reason)
            {
                failed.Add(new(name, reason));
            }
            else
            {
                delivered.Add(name);
            }
        }

        foreach (var (name, reason) in failed)
        {
            ExecutorLog.AlertChannelFailed(_logger, alert.Rule, name, reason, alert.DecisionId);
        }

        return new AlertDelivery
        {
            Delivered = ValueList<string>.From(delivered),
            Skipped = ValueList<string>.From(skipped),
            Failed = ValueMap<string>.From(failed),
        };
    }

    /// <summary>Sends to one webhook channel; returns null on success, else why it failed.</summary>
    private async Task<string?> DeliverAsync(Alert alert, string name, AlertChannelConfig channel, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(channel.Url?.Trim(), UriKind.Absolute, out var url))
        {
            return "the channel's url is not an absolute URL";
        }

        var headers = ValueMap<string>.Empty;
        foreach (var (header, value) in channel.Headers)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            string? missing = null;
            var resolved = EnvReference().Replace(text, match =>
            {
                var found = _environment(match.Groups[1].Value);
                missing ??= found is null ? match.Groups[1].Value : null;
                return found ?? string.Empty;
            });
            if (missing is not null)
            {
                return $"the header '{header}' uses ${{env:{missing}}}, which is not set";
            }

            headers = headers.SetItem(header, resolved);
        }

        if (!headers.Keys.Any(h => h.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers = headers.SetItem("Content-Type", "application/json");
        }

        var request = new WebhookRequest(channel.Method, url, headers, Body(alert, name, _environmentName))
        {
            Timeout = TimeSpan.FromSeconds(channel.TimeoutSeconds),
        };
        try
        {
            var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StatusCode is >= 200 and <= 299 ? null : $"{channel.Method} {HttpWebhookSender.Shown(url)} answered with status {response.StatusCode}";
        }
        catch (ActionFailedException exception)
        {
            return exception.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{channel.Method} {HttpWebhookSender.Shown(url)} was cancelled";
        }
    }

    [GeneratedRegex(@"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex EnvReference();
}
