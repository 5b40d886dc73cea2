using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of the security section: the webhook host allow-list.</summary>
internal static class SecurityRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var hosts = c.Security.WebhookAllowedHosts;
        if (hosts.Count == 0 && c.Environment is Configuration.Environment.Staging or Configuration.Environment.Production)
        {
            yield return Issue.Error(IssueCodes.WebhookHostsRequired, "security.webhook_allowed_hosts",
                $"{YamlNames.Of(c.Environment)} needs an explicit list of the hosts webhooks may reach (empty allows loopback only)",
                "list them, e.g. webhook_allowed_hosts: [hooks.example.com, \"*.pagerduty.com\"]");
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            if (!WebhookHostAllowList.IsValidPattern(hosts[i]))
            {
                yield return Issue.Error(IssueCodes.WebhookHostInvalid, $"security.webhook_allowed_hosts[{i}]",
                    $"'{hosts[i]}' is neither a host name nor a wildcard such as *.example.com",
                    "write the bare host (no scheme, port or path), e.g. hooks.example.com, or \"*.example.com\" in quotes");
            }
        }
    }
}
