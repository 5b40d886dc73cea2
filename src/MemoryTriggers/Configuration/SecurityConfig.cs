using System.ComponentModel;

namespace MemoryTriggers.Configuration;

/// <summary>Where the system may send requests on its own: the hosts of webhooks and webhook alert channels.</summary>
public sealed record SecurityConfig
{
    /// <summary>
    /// Gets the hosts that execute_webhook actions and webhook alert channels may reach: exact names
    /// (<c>hooks.example.com</c>, <c>10.0.0.5</c>) or wildcards (<c>*.example.com</c>, every subdomain of
    /// example.com but not example.com itself), compared without regard to case. An empty list allows
    /// loopback hosts only (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>); staging and production
    /// must list their hosts.
    /// </summary>
    /// <value>The default is empty (loopback only).</value>
    [Description("Hosts that webhooks and webhook alert channels may reach: names or wildcards like *.example.com. Empty allows loopback only; staging and production must list hosts.")]
    public ValueList<string> WebhookAllowedHosts { get; init; } = ValueList<string>.Empty;
}
