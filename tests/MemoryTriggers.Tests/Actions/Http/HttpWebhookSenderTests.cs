using System.Net;
using System.Net.Sockets;
using System.Text;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using Microsoft.AspNetCore.Http;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Http;

public sealed class HttpWebhookSenderTests : IDisposable
{
    private readonly HttpClient _client = new(HttpWebhookSender.CreateHandler());

    public void Dispose() => _client.Dispose();

    private HttpWebhookSender Sender(params string[] allowedHosts) => new(_client, new HttpWebhookSenderOptions { AllowedHosts = allowedHosts });

    private static ValueMap<string> Headers(params (string Name, string Value)[] headers) =>
        ValueMap<string>.From(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));

    private static async Task Answer(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    }

    [Fact]
    public async Task SendAsync_PostWithHeadersAndJson_ArrivesIntact()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 201, "créé"));
        const string json = """{"memory_id":"m1","text":"héllo ✓","tags":["a","b"]}""";

        var response = await Sender("127.0.0.1").SendAsync(
            new WebhookRequest("POST", receiver.Url("/hooks/memory?x=1"), Headers(("X-Token", "abc"), ("Content-Type", "application/json")), json),
            CancellationToken.None);

        Assert.Equal(new WebhookResponse(201, "créé"), response);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/hooks/memory", received.Path);
        Assert.Equal("abc", received.Headers["X-Token"]);
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal(json, received.Body);
    }

    [Fact]
    public async Task SendAsync_StringBodyWithoutContentType_IsPlainUtf8Text()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200, ""));

        var response = await Sender().SendAsync(new WebhookRequest("PUT", receiver.Url("/t"), ValueMap<string>.Empty, "ünïcode"), CancellationToken.None);

        Assert.Equal(new WebhookResponse(200, null), response);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("PUT", received.Method);
        Assert.Equal("text/plain; charset=utf-8", received.Headers["Content-Type"]);
        Assert.Equal("ünïcode", received.Body);
    }

    [Fact]
    public async Task SendAsync_Get_SendsNoBodyAndDropsContentHeaders()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200, "pong"));

        var response = await Sender().SendAsync(
            new WebhookRequest("GET", receiver.Url("/ping"), Headers(("Accept", "text/plain"), ("Content-Type", "application/json")), null),
            CancellationToken.None);

        Assert.Equal(new WebhookResponse(200, "pong"), response);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("GET", received.Method);
        Assert.Equal("text/plain", received.Headers["Accept"]);
        Assert.False(received.Headers.ContainsKey("Content-Type"));
        Assert.Equal("", received.Body);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task SendAsync_ErrorStatus_IsReturnedNotThrown(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, status, "bad"));

        var response = await Sender().SendAsync(new WebhookRequest("POST", receiver.Url("/x"), ValueMap<string>.Empty, "{}"), CancellationToken.None);

        Assert.Equal(new WebhookResponse(status, "bad"), response);
    }

    [Fact]
    public async Task SendAsync_DisallowedHost_IsRefusedWithoutAnyRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200, "ok"));

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender("hooks.example.com", "*.example.org").SendAsync(new WebhookRequest("POST", receiver.Url("/x"), ValueMap<string>.Empty, "{}"), CancellationToken.None).AsTask());

        Assert.Equal(
            "execute_webhook: the host '127.0.0.1' is not in security.webhook_allowed_hosts; add '127.0.0.1' to that list.",
            error.Message);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_DisallowedDnsHost_SuggestsAWildcard()
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender("127.0.0.1").SendAsync(new WebhookRequest("GET", new Uri("https://evil.example.net/x"), ValueMap<string>.Empty, null), CancellationToken.None).AsTask());

        Assert.Equal(
            "execute_webhook: the host 'evil.example.net' is not in security.webhook_allowed_hosts; add 'evil.example.net', or a wildcard such as '*.example.net', to that list.",
            error.Message);
    }

    [Fact]
    public async Task SendAsync_WildcardHost_IsAllowedAndSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200, "ok"));
        var handler = HttpWebhookSender.CreateHandler();
        handler.ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, receiver.Port), token);
            return new NetworkStream(socket, ownsSocket: true);
        };
        using var client = new HttpClient(handler);
        var sender = new HttpWebhookSender(client, new HttpWebhookSenderOptions { AllowedHosts = ["*.Example.com"] });

        var response = await sender.SendAsync(new WebhookRequest("POST", receiver.Url("/w", "hooks.eu.example.com"), ValueMap<string>.Empty, "{}"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("hooks.eu.example.com", Assert.Single(receiver.Requests).Host);
    }

    [Theory]
    [InlineData("hooks.example.com", true)]
    [InlineData("HOOKS.Example.COM.", true)]
    [InlineData("a.b.example.org", true)]
    [InlineData("example.org", false)]
    [InlineData("badexample.org", false)]
    [InlineData("example.com", false)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    public void IsAllowed_ExactAndWildcardPatterns_Match(string host, bool allowed) =>
        Assert.Equal(allowed, Sender("Hooks.Example.com", "*.example.org", "[::1]").IsAllowed(host));

    [Fact]
    public void IsAllowed_EmptyList_RefusesOtherHosts() => Assert.False(Sender().IsAllowed("anything.test"));

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("[::1]")]
    public void IsAllowed_EmptyList_AllowsLoopback(string host) => Assert.True(Sender().IsAllowed(host));

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.com")]
    public void Constructor_MalformedHostPattern_Throws(string pattern) =>
        Assert.Throws<ArgumentException>(() => Sender(pattern));

    [Fact]
    public void Constructor_NonPositiveSettings_Throw()
    {
        Assert.Throws<ArgumentException>(() => new HttpWebhookSender(_client, new HttpWebhookSenderOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new HttpWebhookSender(_client, new HttpWebhookSenderOptions { MaxResponseBytes = 0 }));
    }

    [Fact]
    public void Options_Defaults_AreTenSecondsAnd64KbAndEveryHost()
    {
        var options = new HttpWebhookSenderOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(64 * 1024, options.MaxResponseBytes);
        Assert.Empty(options.AllowedHosts);
    }

    [Fact]
    public void CreateHandler_DoesNotFollowRedirects()
    {
        using var handler = HttpWebhookSender.CreateHandler();

        Assert.False(handler.AllowAutoRedirect);
    }

    [Theory]
    [InlineData("ftp://x.test/file")]
    [InlineData("file:///etc/passwd")]
    public async Task SendAsync_NonHttpScheme_IsRefused(string url)
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender().SendAsync(new WebhookRequest("GET", new Uri(url), ValueMap<string>.Empty, null), CancellationToken.None).AsTask());

        Assert.Equal($"execute_webhook: only absolute http and https URLs are sent; got a '{new Uri(url).Scheme}' URL.", error.Message);
    }

    [Fact]
    public async Task SendAsync_RelativeUrl_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender().SendAsync(new WebhookRequest("GET", new Uri("/hook", UriKind.Relative), ValueMap<string>.Empty, null), CancellationToken.None).AsTask());

        Assert.Equal("execute_webhook: only absolute http and https URLs are sent; got a relative URL.", error.Message);
    }

    [Fact]
    public void Shown_UrlWithASecretPathAndQuery_KeepsOnlySchemeHostAndPort()
    {
        Assert.Equal("https://hooks.slack.com/…", HttpWebhookSender.Shown(new Uri("https://hooks.slack.com/services/T000/B000/XXXXSECRET?token=abc")));
        Assert.Equal("http://127.0.0.1:8080/", HttpWebhookSender.Shown(new Uri("http://127.0.0.1:8080/")));
    }

    [Theory]
    [InlineData(307, "POST", "{\"a\":1}")]
    [InlineData(308, "POST", "{\"a\":1}")]
    [InlineData(302, "GET", "")]
    [InlineData(303, "GET", "")]
    public async Task SendAsync_SameHostRedirect_IsFollowed(int status, string method, string body)
    {
        await using var receiver = await WebhookReceiver.StartAsync(context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/new";
                return Task.CompletedTask;
            }

            return Answer(context, 200, "moved here");
        });

        var response = await Sender("127.0.0.1").SendAsync(
            new WebhookRequest("POST", receiver.Url("/old"), Headers(("X-Token", "abc"), ("Content-Type", "application/json")), """{"a":1}"""),
            CancellationToken.None);

        Assert.Equal(new WebhookResponse(200, "moved here"), response);
        var requests = receiver.Requests.ToArray();
        Assert.Equal(["/old", "/new"], requests.Select(r => r.Path));
        Assert.Equal(method, requests[1].Method);
        Assert.Equal(body, requests[1].Body);
        Assert.Equal("abc", requests[1].Headers["X-Token"]);
    }

    [Fact]
    public async Task SendAsync_CrossHostRedirect_IsRefusedNamingBothHosts()
    {
        WebhookReceiver? self = null;
        await using var receiver = await WebhookReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = self!.Url("/elsewhere", "localhost").ToString();
            return Task.CompletedTask;
        });
        self = receiver;

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender().SendAsync(new WebhookRequest("POST", receiver.Url("/start"), ValueMap<string>.Empty, "{}"), CancellationToken.None).AsTask());

        Assert.Equal(
            $"execute_webhook: POST http://127.0.0.1:{receiver.Port}/… was redirected from host '127.0.0.1' to another host, 'localhost'; redirects to other hosts are not followed.",
            error.Message);
        Assert.Equal(["/start"], receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task SendAsync_MoreThanThreeRedirects_Fails()
    {
        await using var receiver = await WebhookReceiver.StartAsync(context =>
        {
            var hop = int.Parse(context.Request.Path.Value!.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = $"/{hop + 1}";
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender().SendAsync(new WebhookRequest("GET", receiver.Url("/0"), ValueMap<string>.Empty, null), CancellationToken.None).AsTask());

        Assert.Equal(
            $"execute_webhook: GET http://127.0.0.1:{receiver.Port}/… was redirected more than 3 times; the last redirect went to http://127.0.0.1:{receiver.Port}/….",
            error.Message);
        Assert.Equal(["/0", "/1", "/2", "/3"], receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task SendAsync_SlowEndpoint_TimesOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        var sender = new HttpWebhookSender(_client, new HttpWebhookSenderOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            sender.SendAsync(new WebhookRequest("POST", receiver.Url("/slow"), ValueMap<string>.Empty, "{}"), CancellationToken.None).AsTask());

        Assert.Equal($"execute_webhook: POST http://127.0.0.1:{receiver.Port}/… timed out after 0.3 s.", error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(new WebhookRequest("GET", receiver.Url("/slow"), ValueMap<string>.Empty, null), cancellation.Token).AsTask());
    }

    [Fact]
    public async Task SendAsync_LargeBody_IsTruncatedToTheLimit()
    {
        var large = new string('x', 200_000);
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200, large));

        var defaults = await Sender().SendAsync(new WebhookRequest("GET", receiver.Url("/big"), ValueMap<string>.Empty, null), CancellationToken.None);
        var small = await new HttpWebhookSender(_client, new HttpWebhookSenderOptions { MaxResponseBytes = 1000 })
            .SendAsync(new WebhookRequest("GET", receiver.Url("/big"), ValueMap<string>.Empty, null), CancellationToken.None);

        Assert.Equal(large[..(64 * 1024)], defaults.Body);
        Assert.Equal(large[..1000], small.Body);
    }

    [Fact]
    public async Task SendAsync_Latin1Charset_IsDecoded()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain; charset=iso-8859-1";
            await context.Response.Body.WriteAsync(Encoding.Latin1.GetBytes("café"));
        });

        var response = await Sender().SendAsync(new WebhookRequest("GET", receiver.Url("/l"), ValueMap<string>.Empty, null), CancellationToken.None);

        Assert.Equal("café", response.Body);
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsWithActionFailed()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Sender().SendAsync(new WebhookRequest("GET", new Uri($"http://127.0.0.1:{port}/x"), ValueMap<string>.Empty, null), CancellationToken.None).AsTask());

        Assert.StartsWith($"execute_webhook: GET http://127.0.0.1:{port}/… failed: ", error.Message);
    }

    [Fact]
    public async Task WebhookActionExecutor_WithHttpSender_DeliversEndToEnd()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 202, "queued"));
        var executor = new WebhookActionExecutor(Sender("127.0.0.1"));

        var output = await executor.ExecuteAsync(
            For(
                PolicyActionType.ExecuteWebhook,
                ("url", receiver.Url("/alerts").ToString()),
                ("method", "post"),
                ("headers", Map(("X-Token", "abc"))),
                ("data", Map(("memory_id", "m1"), ("tags", List("a", "b"))))),
            CancellationToken.None);

        Assert.Equal(202, output.Values["status_code"]);
        Assert.Equal("queued", output.Values["body"]);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("abc", received.Headers["X-Token"]);
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal("""{"memory_id":"m1","tags":["a","b"]}""", received.Body);
    }

    [Fact]
    public async Task WebhookActionExecutor_WithHttpSenderAndErrorStatus_FailsTheAction()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 503, "down"));
        var executor = new WebhookActionExecutor(Sender());

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            executor.ExecuteAsync(For(PolicyActionType.ExecuteWebhook, ("url", receiver.Url("/alerts").ToString())), CancellationToken.None).AsTask());

        Assert.Equal($"execute_webhook: POST http://127.0.0.1:{receiver.Port}/… answered with status 503.", error.Message);
    }
}
