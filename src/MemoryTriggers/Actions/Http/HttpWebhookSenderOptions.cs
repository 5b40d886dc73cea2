namespace MemoryTriggers.Actions;

/// <summary>Settings of an <see cref="HttpWebhookSender"/>.</summary>
public sealed class HttpWebhookSenderOptions
{
    /// <summary>The default of <see cref="Timeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 64 KB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024;

    /// <summary>
    /// Gets the host names requests may go to, compared without regard to case: either an exact name
    /// (<c>hooks.example.com</c>, <c>127.0.0.1</c>) or a wildcard <c>*.example.com</c>, which matches
    /// every subdomain of <c>example.com</c> at any depth but not <c>example.com</c> itself.
    /// <b>An empty list allows loopback hosts only</b> (<c>localhost</c>, 127.0.0.0/8, ::1); see <see cref="WebhookHostAllowList"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>
    /// Gets how long one send may take in all, redirects and reading the response included;
    /// 10 seconds by default. Must be positive.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Gets how many bytes of a response body are read at most; the rest is dropped and the body
    /// returned truncated. 64 KB by default. Must be positive.
    /// </summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>Gets the name failures start with, such as <c>execute_webhook</c> (the default) or <c>trigger_alert</c>.</summary>
    public string ActionName { get; init; } = "execute_webhook";

    /// <summary>Gets the clock that turns a Retry-After date without a Date header into a delay; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
