using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MemoryTriggers.Actions;

/// <summary>
/// Sends execute_webhook requests (and webhook alerts) over real HTTP. Only absolute http and https
/// URLs to hosts in <see cref="HttpWebhookSenderOptions.AllowedHosts"/> are sent (loopback hosts only
/// when it is empty). Redirects (301, 302, 303, 307, 308)
/// are followed by the sender itself, at most <see cref="MaxRedirects"/> times and only to the same
/// host over http or https (never from https down to http); 303, and 301 or 302 after a POST, continue
/// as a GET without body, the others repeat the method and body. The whole send, redirects and body
/// included, is bounded by <see cref="WebhookRequest.Timeout"/> or else <see cref="HttpWebhookSenderOptions.Timeout"/>; the response body is read up
/// to <see cref="HttpWebhookSenderOptions.MaxResponseBytes"/> and decoded with its charset (UTF-8 by
/// default). Any status is returned as it is, with its Retry-After; only a failure to get a response
/// throws, as an <see cref="ActionFailedException"/> that is retryable for timeouts and transport
/// errors and not for a refused URL, host, header or redirect. Content headers (Content-Type and the like) are sent only with a
/// body. The <see cref="HttpClient"/> given must not follow redirects itself: build it on
/// <see cref="CreateHandler"/> or configure its handler the same way. Thread-safe.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender
{
    /// <summary>How many redirects one send follows at most.</summary>
    public const int MaxRedirects = 3;

    private readonly HttpClient _client;
    private readonly HttpWebhookSenderOptions _options;
    private readonly WebhookHostAllowList _allowList;

    /// <summary>Initializes a new instance of the <see cref="HttpWebhookSender"/> class.</summary>
    /// <param name="client">The client that sends; for example one from IHttpClientFactory. Its BaseAddress is not used.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">A setting is out of range or a host pattern is malformed.</exception>
    public HttpWebhookSender(HttpClient client, HttpWebhookSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The webhook timeout must be positive; got {options.Timeout}.", nameof(options));
        }

        if (options.MaxResponseBytes <= 0)
        {
            throw new ArgumentException($"The maximum webhook response size must be positive; got {options.MaxResponseBytes}.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.AllowedHosts, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ActionName, nameof(options));
        _allowList = WebhookHostAllowList.Create(options.AllowedHosts);
        _client = client;
        _options = options;
    }

    /// <summary>Creates a handler fit for the sender's <see cref="HttpClient"/>: it does not follow redirects.</summary>
    /// <returns>A new handler with <see cref="SocketsHttpHandler.AllowAutoRedirect"/> off.</returns>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>Tells whether requests may go to <paramref name="host"/>.</summary>
    /// <param name="host">A host name or IP address.</param>
    /// <returns><see langword="true"/> when the allow-list matches the host, or is empty and the host is a loopback host.</returns>
    public bool IsAllowed(string host) => _allowList.IsAllowed(host);

    /// <inheritdoc />
    /// <exception cref="ActionFailedException">The URL or host is refused, a redirect is refused, the send timed out, or no response arrived.</exception>
    public async ValueTask<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.Url;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw Permanent($"only absolute http and https URLs are sent; got {(url.IsAbsoluteUri ? $"a '{url.Scheme}' URL" : "a relative URL")}.");
        }

        if (!IsAllowed(url.IdnHost))
        {
            throw Permanent(_allowList.IsLoopbackOnly
                ? $"the host '{url.IdnHost}' is not allowed: security.webhook_allowed_hosts is empty, which allows loopback hosts only; {WebhookHostAllowList.Hint(url.IdnHost)} to that list."
                : $"the host '{url.IdnHost}' is not in security.webhook_allowed_hosts; {WebhookHostAllowList.Hint(url.IdnHost)} to that list.");
        }

        var limit = request.Timeout is { } given && given > TimeSpan.Zero ? given : _options.Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var method = new HttpMethod(request.Method);
        var body = request.Body;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var message = CreateMessage(method, url, request.Headers, body);
                using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.RequestMessage?.RequestUri is { } answered && !SameHost(answered, url))
                {
                    throw Permanent($"{request.Method} {Shown(request.Url)} was redirected to another host, '{answered.IdnHost}', by the HTTP client itself; build the client on HttpWebhookSender.CreateHandler() so that redirects are checked.");
                }

                if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    var text = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
                    return new WebhookResponse((int)response.StatusCode, text) { RetryAfter = RetryAfter(response) };
                }

                var target = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (redirects == MaxRedirects)
                {
                    throw Permanent($"{request.Method} {Shown(request.Url)} was redirected more than {MaxRedirects} times; the last redirect went to {Shown(target)}.");
                }

                CheckRedirect(request, url, target);
                (method, body) = Follow(response.StatusCode, method, body);
                url = target;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"{request.Method} {Shown(request.Url)} timed out after {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception)
        {
            throw Fail($"{request.Method} {Shown(url)} failed: {exception.Message}", exception);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? _options.TimeProvider.GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool SameHost(Uri a, Uri b) =>
        string.Equals(WebhookHostAllowList.Normalize(a.IdnHost), WebhookHostAllowList.Normalize(b.IdnHost), StringComparison.Ordinal);

    /// <summary>
    /// A URL as messages and logs show it: scheme, host and port only, since webhook URLs often carry
    /// their secret in the path or query (Slack, Teams, Discord).
    /// </summary>
    internal static string Shown(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Authority) + (url.PathAndQuery.Length > 1 ? "/…" : "/") : "(a relative URL)";

    private HttpRequestMessage CreateMessage(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, string? body)
    {
        var message = new HttpRequestMessage(method, url);
        try
        {
            if (body is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            }

            var hasContentType = false;
            foreach (var (name, value) in headers)
            {
                if (message.Headers.TryAddWithoutValidation(name, value))
                {
                    continue;
                }

                if (message.Content is null && IsContentHeader(name))
                {
                    continue;
                }

                if (message.Content is null || !message.Content.Headers.TryAddWithoutValidation(name, value))
                {
                    throw Permanent($"the header '{name}' cannot be sent.");
                }

                hasContentType |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
            }

            if (message.Content is not null && !hasContentType)
            {
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static bool IsContentHeader(string name)
    {
        using var probe = new ByteArrayContent([]);
        return probe.Headers.TryAddWithoutValidation(name, string.Empty);
    }

    private async Task<string?> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }

        return length == 0 ? null : EncodingOf(content).GetString(buffer, 0, length);
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
            }
        }

        return Encoding.UTF8;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or
        HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private void CheckRedirect(WebhookRequest request, Uri from, Uri to)
    {
        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps)
        {
            throw Permanent($"{request.Method} {Shown(request.Url)} was redirected to {Shown(to)}, which is not an http or https URL; it is not followed.");
        }

        if (!SameHost(from, to))
        {
            throw Permanent($"{request.Method} {Shown(request.Url)} was redirected from host '{from.IdnHost}' to another host, '{to.IdnHost}'; redirects to other hosts are not followed.");
        }

        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            throw Permanent($"{request.Method} {Shown(request.Url)} was redirected from https to http ({Shown(to)}); it is not followed.");
        }
    }

    private static (HttpMethod Method, string? Body) Follow(HttpStatusCode status, HttpMethod method, string? body) => status switch
    {
        HttpStatusCode.SeeOther when method != HttpMethod.Head => (HttpMethod.Get, null),
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found when method == HttpMethod.Post => (HttpMethod.Get, null),
        _ => (method, body),
    };

    private ActionFailedException Fail(string message, Exception? inner = null) =>
        inner is null ? new ActionFailedException($"{_options.ActionName}: {message}") : new ActionFailedException($"{_options.ActionName}: {message}", inner);

    private ActionFailedException Permanent(string message) => new($"{_options.ActionName}: {message}") { IsRetryable = false };
}
