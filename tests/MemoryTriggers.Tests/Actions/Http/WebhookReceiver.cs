using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MemoryTriggers.Tests.Actions.Http;

/// <summary>A webhook receiver on 127.0.0.1 (random port) that records every request and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication _app = null!;

    public int Port { get; private set; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(Func<HttpContext, Task> respond)
    {
        var receiver = new WebhookReceiver();
        (receiver._app, var address) = await LoopbackHost.StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Requests.Enqueue(new Received(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Host.Host, headers, body));
            await respond(context);
        });
        receiver.Port = address.Port;
        return receiver;
    }

    public Uri Url(string path, string host = "127.0.0.1") => new($"http://{host}:{Port}{path}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Method, string Path, string Host, Dictionary<string, string> Headers, string Body);
}
