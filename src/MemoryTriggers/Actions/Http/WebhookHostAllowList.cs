using System.Net;

namespace MemoryTriggers.Actions;

/// <summary>
/// The hosts webhooks may reach, as <c>security.webhook_allowed_hosts</c> lists them: exact names
/// (<c>hooks.example.com</c>, <c>10.0.0.5</c>) or wildcards <c>*.example.com</c>, which match every
/// subdomain of <c>example.com</c> at any depth but not <c>example.com</c> itself; compared without
/// regard to case or a trailing dot. An empty list allows loopback hosts only: <c>localhost</c> and
/// loopback IP addresses (127.0.0.0/8, ::1). Immutable and thread-safe.
/// </summary>
public sealed class WebhookHostAllowList
{
    private readonly string[] _exactHosts;
    private readonly string[] _wildcardSuffixes;

    private WebhookHostAllowList(string[] exactHosts, string[] wildcardSuffixes)
    {
        _exactHosts = exactHosts;
        _wildcardSuffixes = wildcardSuffixes;
    }

    /// <summary>Gets the list that allows loopback hosts only.</summary>
    public static WebhookHostAllowList LoopbackOnly { get; } = new([], []);

    /// <summary>Gets a value indicating whether the list is empty, so that only loopback hosts are allowed.</summary>
    public bool IsLoopbackOnly => _exactHosts.Length == 0 && _wildcardSuffixes.Length == 0;

    /// <summary>Tells whether a pattern is an exact host name or a wildcard such as <c>*.example.com</c>.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns><see langword="true"/> if the pattern is well formed.</returns>
    public static bool IsValidPattern(string? pattern) => Classify(pattern) is not null;

    /// <summary>Creates the list from patterns.</summary>
    /// <param name="patterns">The patterns; empty for loopback only.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentException">A pattern is neither a host name nor a wildcard.</exception>
    public static WebhookHostAllowList Create(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var exact = new List<string>();
        var suffixes = new List<string>();
        foreach (var pattern in patterns)
        {
            switch (Classify(pattern))
            {
                case (true, var suffix):
                    suffixes.Add(suffix);
                    break;
                case (false, var host):
                    exact.Add(host);
                    break;
                default:
                    throw new ArgumentException($"The allowed webhook host '{pattern}' is neither a host name nor a wildcard such as '*.example.com'.", nameof(patterns));
            }
        }

        return new WebhookHostAllowList([.. exact], [.. suffixes]);
    }

    /// <summary>Tells whether requests may go to <paramref name="host"/>.</summary>
    /// <param name="host">A host name or IP address, as <see cref="Uri.IdnHost"/> gives it.</param>
    /// <returns><see langword="true"/> when the list matches the host, or is empty and the host is a loopback host.</returns>
    public bool IsAllowed(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = Normalize(host);
        if (IsLoopbackOnly)
        {
            return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
        }

        return _exactHosts.Contains(name, StringComparer.Ordinal)
            || _wildcardSuffixes.Any(suffix => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal));
    }

    /// <summary>Suggests what to add to the list for a refused host, for messages.</summary>
    /// <param name="host">The refused host.</param>
    /// <returns>For example "add 'hooks.example.com', or a wildcard such as '*.example.com',".</returns>
    public static string Hint(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return Uri.CheckHostName(host) == UriHostNameType.Dns && dot > 0 && dot < host.Length - 1
            ? $"add '{host}', or a wildcard such as '*.{host[(dot + 1)..]}',"
            : $"add '{host}'";
    }

    internal static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    private static (bool Wildcard, string Text)? Classify(string? pattern)
    {
        var host = Normalize(pattern ?? string.Empty);
        if (host.StartsWith("*.", StringComparison.Ordinal) && host.Length > 2 && !host[2..].Contains('*', StringComparison.Ordinal))
        {
            return (true, host[1..]);
        }

        if (IPAddress.TryParse(host, out _))
        {
            return (false, host);
        }

        var isName = host.Length > 0 && !host.Any(c => char.IsWhiteSpace(c) || c is '*' or '/' or ':' or '@' or '?' or '#');
        return isName ? (false, host) : null;
    }
}
