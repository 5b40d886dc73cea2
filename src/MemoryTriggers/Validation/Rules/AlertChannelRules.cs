using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of the alert channels: every listed channel is defined, and webhook channels reach allowed hosts without secrets in the file.</summary>
internal static class AlertChannelRules
{
    /// <summary>The channel every configuration has without defining it.</summary>
    public const string LogChannel = "log";

    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var m = c.Monitoring;
        for (var i = 0; i < m.AlertChannels.Count; i++)
        {
            var name = m.AlertChannels[i];
            if (name != LogChannel && !m.AlertChannelSettings.ContainsKey(name))
            {
                var closest = YamlNames.Closest(name, m.AlertChannelSettings.Keys.Append(LogChannel));
                yield return Issue.Error(IssueCodes.AlertChannelUndefined, $"monitoring.alert_channels[{i}]",
                    $"the alert channel '{name}' is not defined in monitoring.alert_channel_settings",
                    closest is null
                        ? $"define it: alert_channel_settings: {{ {name}: {{ type: webhook, url: https://hooks.example.com/alerts }} }}, or use log"
                        : $"did you mean '{closest}'? Otherwise define '{name}' under monitoring.alert_channel_settings");
            }
        }

        var allowList = WebhookHostAllowList.Create(c.Security.WebhookAllowedHosts.Where(WebhookHostAllowList.IsValidPattern));
        foreach (var (name, channel) in m.AlertChannelSettings)
        {
            var path = $"monitoring.alert_channel_settings.{name}";
            if (channel.Type == "webhook")
            {
                if (!Uri.TryCreate(channel.Url?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    yield return Issue.Error(IssueCodes.AlertChannelUrl, path + ".url",
                        channel.Url is null ? $"the webhook channel '{name}' has no url" : $"'{channel.Url}' is not an absolute http or https URL",
                        "write the full URL, e.g. url: https://hooks.example.com/alerts");
                }
                else if (!allowList.IsAllowed(url.IdnHost))
                {
                    yield return Issue.Error(IssueCodes.AlertChannelHost, path + ".url",
                        $"the host '{url.IdnHost}' of channel '{name}' is not allowed by security.webhook_allowed_hosts{(allowList.IsLoopbackOnly ? " (empty: loopback only)" : string.Empty)}",
                        $"{WebhookHostAllowList.Hint(url.IdnHost)} to security.webhook_allowed_hosts");
                }
            }

            foreach (var (header, value) in channel.Headers)
            {
                if (value is not string text)
                {
                    yield return Issue.Error(IssueCodes.AlertChannelHeader, $"{path}.headers.{header}",
                        $"the header '{header}' must be a string", $"quote it: {header}: \"{value}\"");
                }
                else if (ConfigWriter.IsSecretName(header) && !text.Contains("${env:", StringComparison.Ordinal))
                {
                    yield return Issue.Warning(IssueCodes.AlertChannelHeader, $"{path}.headers.{header}",
                        $"the header '{header}' looks like a secret written into the file",
                        $"read it from the environment: {header}: \"Bearer ${{env:MY_VARIABLE}}\"");
                }
            }
        }
    }
}
