using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class WebhookActionExecutorTests
{
    private readonly RecordingWebhookSender _sender = new(new WebhookResponse(202, "queued"));

    private Task<ActionOutput> Run(params (string, object?)[] parameters) =>
        new WebhookActionExecutor(_sender).ExecuteAsync(For(PolicyActionType.ExecuteWebhook, parameters), CancellationToken.None).AsTask();

    private async Task<string> Fail(params (string, object?)[] parameters) =>
        (await Assert.ThrowsAsync<ActionFailedException>(() => Run(parameters))).Message;

    [Fact]
    public void Types_IsExecuteWebhook() => Assert.Equal([PolicyActionType.ExecuteWebhook], new WebhookActionExecutor(_sender).Types);

    [Fact]
    public async Task ExecuteAsync_UrlOnly_PostsWithoutBodyAndOutputsTheResponse()
    {
        var output = await Run(("url", "https://hooks.example.com/memory"));

        var request = Assert.Single(_sender.Requests);
        Assert.Equal(new WebhookRequest("POST", new Uri("https://hooks.example.com/memory"), ValueMap<string>.Empty, null), request);
        Assert.Equal(ActionOutput.Of(("status_code", 202), ("body", "queued")).Values, output.Values);
    }

    [Fact]
    public async Task ExecuteAsync_MapData_IsSentAsJsonWithContentType()
    {
        await Run(
            ("url", "http://localhost:8080/hook"),
            ("method", "put"),
            ("headers", Map(("X-Token", "abc"), ("X-Count", 3L))),
            ("data", Map(("memory_id", "m1"), ("tags", List("a", "b")), ("score", 0.5), ("nested", Map(("ok", true))), ("none", null))));

        var request = Assert.Single(_sender.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal(["X-Token", "X-Count", "Content-Type"], request.Headers.Keys);
        Assert.Equal(["abc", "3", "application/json"], request.Headers.Values);
        Assert.Equal("""{"memory_id":"m1","tags":["a","b"],"score":0.5,"nested":{"ok":true},"none":null}""", request.Body);
    }

    [Fact]
    public async Task ExecuteAsync_ListBody_IsJson()
    {
        await Run(("url", "https://x.test/"), ("body", List(1L, "two")));

        Assert.Equal("""[1,"two"]""", Assert.Single(_sender.Requests).Body);
    }

    [Fact]
    public async Task ExecuteAsync_JsonElementData_IsJson()
    {
        var data = JsonDocument.Parse("""{"a": [1, 2.5]}""").RootElement;

        await Run(("url", "https://x.test/"), ("data", data));

        Assert.Equal("""{"a":[1,2.5]}""", Assert.Single(_sender.Requests).Body);
    }

    [Fact]
    public async Task ExecuteAsync_StringData_IsSentAsItIsWithoutContentType()
    {
        await Run(("url", "https://x.test/"), ("data", "plain text"));

        var request = Assert.Single(_sender.Requests);
        Assert.Equal("plain text", request.Body);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public async Task ExecuteAsync_GivenContentType_IsKept()
    {
        await Run(("url", "https://x.test/"), ("headers", Map(("content-type", "application/vnd.x+json"))), ("data", Map(("a", 1L))));

        var headers = Assert.Single(_sender.Requests).Headers;
        Assert.Equal(["content-type"], headers.Keys);
        Assert.Equal("application/vnd.x+json", headers["content-type"]);
    }

    [Fact]
    public async Task ExecuteAsync_DataAndBody_DataWins()
    {
        await Run(("url", "https://x.test/"), ("data", "from data"), ("body", "from body"));

        Assert.Equal("from data", Assert.Single(_sender.Requests).Body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("post")]
    [InlineData("Patch")]
    [InlineData("DELETE")]
    public async Task ExecuteAsync_AllowedMethod_IsSentInUpperCase(string method)
    {
        await Run(("url", "https://x.test/"), ("method", method));

        Assert.Equal(method.ToUpperInvariant(), Assert.Single(_sender.Requests).Method);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(299)]
    public async Task ExecuteAsync_SuccessStatus_Succeeds(int status)
    {
        var sender = new RecordingWebhookSender(new WebhookResponse(status, null));

        var output = await new WebhookActionExecutor(sender).ExecuteAsync(For(PolicyActionType.ExecuteWebhook, ("url", "https://x.test/")), CancellationToken.None);

        Assert.Equal(status, output.Values["status_code"]);
        Assert.Null(output.Values["body"]);
    }

    [Theory]
    [InlineData(199, false)]
    [InlineData(302, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task ExecuteAsync_OtherStatus_FailsNamingItRetryableOnlyFor429And5xx(int status, bool retryable)
    {
        var sender = new RecordingWebhookSender(request => new WebhookResponse(status, "nope"));

        var error = await Assert.ThrowsAsync<ActionFailedException>(() =>
            new WebhookActionExecutor(sender).ExecuteAsync(For(PolicyActionType.ExecuteWebhook, ("url", "https://x.test/a?b=1")), CancellationToken.None).AsTask());

        var suffix = retryable ? "." : "; not retried.";
        Assert.Equal($"execute_webhook: POST https://x.test/… answered with status {status}{suffix}", error.Message);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Theory]
    [InlineData("ftp://x.test/file", "execute_webhook: the parameter 'url' must be an absolute http or https URL; got 'ftp://x.test/file'.")]
    [InlineData("/relative/path", "execute_webhook: the parameter 'url' must be an absolute http or https URL; got '/relative/path'.")]
    [InlineData("not a url", "execute_webhook: the parameter 'url' must be an absolute http or https URL; got 'not a url'.")]
    [InlineData("file:///etc/passwd", "execute_webhook: the parameter 'url' must be an absolute http or https URL; got 'file:///etc/passwd'.")]
    [InlineData("", "execute_webhook: the parameter 'url' must not be empty.")]
    public async Task ExecuteAsync_BadUrl_FailsAndSendsNothing(string url, string expected)
    {
        Assert.Equal(expected, await Fail(("url", url)));
        Assert.Empty(_sender.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_MissingUrl_Fails() =>
        Assert.Equal("execute_webhook: the parameter 'url' is required.", await Fail());

    [Fact]
    public async Task ExecuteAsync_UnknownMethod_FailsListingTheAllowedOnes() =>
        Assert.Equal(
            "execute_webhook: the parameter 'method' must be one of GET, POST, PUT, PATCH, DELETE; got 'head'.",
            await Fail(("url", "https://x.test/"), ("method", "head")));

    [Theory]
    [InlineData("execute_webhook: the parameter 'headers' must be a map; got a list.", "headers")]
    [InlineData("execute_webhook: the parameter 'headers.X-Bad' must be a string; got a map.", "nested")]
    public async Task ExecuteAsync_BadHeaders_Fail(string expected, string kind)
    {
        object headers = kind == "headers" ? List("a") : Map(("X-Bad", Map()));

        Assert.Equal(expected, await Fail(("url", "https://x.test/"), ("headers", headers)));
    }

    [Fact]
    public async Task ExecuteAsync_SenderThrows_TheErrorEscapesToTheEngine()
    {
        var sender = new RecordingWebhookSender(_ => throw new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new WebhookActionExecutor(sender).ExecuteAsync(For(PolicyActionType.ExecuteWebhook, ("url", "https://x.test/")), CancellationToken.None).AsTask());

        Assert.Equal("connection refused", error.Message);
    }

    [Fact]
    public async Task RecordingWebhookSender_Default_Answers200WithNoBody()
    {
        var sender = new RecordingWebhookSender();

        var response = await sender.SendAsync(new WebhookRequest("GET", new Uri("https://x.test/"), ValueMap<string>.Empty, null), CancellationToken.None);

        Assert.Equal(new WebhookResponse(200, null), response);
        Assert.Single(sender.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_HugeTimeout_IsCutToTheMaximumNotAnOverflow()
    {
        await new WebhookActionExecutor(_sender).ExecuteAsync(For(PolicyActionType.ExecuteWebhook, ("url", "https://hooks.example.com/memory")) with { Timeout = 1e300 }, CancellationToken.None);

        Assert.Equal(WebhookActionExecutor.MaxTimeout, Assert.Single(_sender.Requests).Timeout);
    }
}
