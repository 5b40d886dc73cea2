using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>
/// A mem0 OSS stand-in on 127.0.0.1 (random port) that answers at once with canned JSON in the shapes of mem0-api.md:
/// <c>POST /memories</c> one ADD result, <c>POST /search</c> 10 MemoryItems with scores, <c>GET /memories/{id}</c> one
/// MemoryItem, <c>GET /memories</c> 10 MemoryItems. It reads each request body to the end and keeps the last body per
/// route, so a raw request can send exactly what the client sent.
/// </summary>
internal sealed class Mem0CannedServer : IAsyncDisposable
{
    public const string ApiKey = "bench-key-123";

    public const string MemoryId = "3f1c6a0e-5b7d-4c1e-9a62-0d4b8e2f7a11";

    private static readonly byte[] AddBody = Encoding.UTF8.GetBytes(
        $$"""{"results":[{"id":"{{MemoryId}}","memory":"deploy of the billing service failed with a database timeout","event":"ADD"}]}""");

    private static readonly byte[] ItemBody = Encoding.UTF8.GetBytes(Item(0, score: false).ToJsonString());
    private static readonly byte[] SearchBody = Encoding.UTF8.GetBytes(Results(score: true));
    private static readonly byte[] ListBody = Encoding.UTF8.GetBytes(Results(score: false));
    private static readonly byte[] NotFoundBody = """{"detail":"Not Found"}"""u8.ToArray();

    private readonly WebApplication _app;

    private Mem0CannedServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Gets the last request body per route ("POST /memories", "POST /search").</summary>
    public ConcurrentDictionary<string, string> LastBodies { get; } = new(StringComparer.Ordinal);

    public static async Task<Mem0CannedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Mem0CannedServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new Mem0CannedServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var path = request.Path.Value ?? "/";
        if (request.Headers["X-API-Key"] != ApiKey)
        {
            await WriteAsync(context, 401, """{"detail":"Authentication required. Provide a Bearer token or X-API-Key header."}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        var route = request.Method + " " + (path.StartsWith("/memories/", StringComparison.Ordinal) ? "/memories/{id}" : path);
        if (body.Length > 0)
        {
            LastBodies[route] = body;
        }

        var answer = route switch
        {
            "POST /memories" => AddBody,
            "POST /search" => SearchBody,
            "GET /memories" => ListBody,
            "GET /memories/{id}" => ItemBody,
            _ => null,
        };
        await WriteAsync(context, answer is null ? 404 : 200, answer ?? NotFoundBody).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Results(bool score) =>
        new JsonObject { ["results"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)Item(i, score))]) }.ToJsonString();

    /// <summary>A MemoryItem as the OSS server returns it, with the store's reserved metadata keys.</summary>
    private static JsonObject Item(int index, bool score)
    {
        var item = new JsonObject
        {
            ["id"] = index == 0 ? MemoryId : $"3f1c6a0e-5b7d-4c1e-9a62-0d4b8e2f7a{index:D2}",
            ["memory"] = $"deploy of the billing service failed with a database timeout (occurrence {index})",
            ["hash"] = "5d41402abc4b2a76b9719d911017c592",
            ["metadata"] = new JsonObject
            {
                ["mt_tags"] = new JsonArray("deploy", "billing"),
                ["mt_category"] = "error",
                ["mt_quality"] = 0.8,
                ["mt_source_rule"] = "error_handler",
                ["source"] = "chat",
                ["priority"] = 3,
            },
            ["created_at"] = string.Create(CultureInfo.InvariantCulture, $"2026-08-22T13:34:{10 + index:D2}.123456+00:00"),
            ["updated_at"] = null,
            ["user_id"] = "user-001",
            ["agent_id"] = "agent-0",
        };
        if (score)
        {
            item["score"] = 0.9 - (index * 0.05);
        }

        return item;
    }
}
