using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MemoryTriggers.Tests.Memory.Mem0;

/// <summary>
/// A stand-in for mem0 on 127.0.0.1 (random port) speaking both dialects with the JSON of
/// mem0-api.md: OSS paths without prefix, platform paths under /v1 and /v3 with trailing slashes.
/// Scripted faults are served first, in order, one per request.
/// </summary>
internal sealed class Mem0StandInServer : IAsyncDisposable
{
    public const string Key = "test-key-123";

    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, JsonObject> _memories = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _history = new();
    private readonly ConcurrentDictionary<string, (int Polls, JsonArray Results)> _events = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly Lock _lock = new();
    private readonly List<string> _storedContents = [];
    private int _okBudget = -1;
    private OutageKind _afterBudget;
    private bool _loseNextAddResponse;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public static async Task<Mem0StandInServer> StartAsync()
    {
        var server = new Mem0StandInServer();
        (server._app, server.Address) = await LoopbackHost.StartAsync(server.HandleAsync);
        return server;
    }

    public void Enqueue(Fault fault) => _faults.Enqueue(fault);

    /// <summary>Gets or sets the outage: while not <see cref="OutageKind.None"/>, every request fails that way unhandled.</summary>
    public OutageKind Outage { get; set; }

    /// <summary>Gets the number of memories stored now.</summary>
    public int MemoryCount => _memories.Count;

    /// <summary>Gets the content of every memory ever added, in the order they were stored.</summary>
    public IReadOnlyList<string> StoredContents
    {
        get
        {
            lock (_lock)
            {
                return [.. _storedContents];
            }
        }
    }

    /// <summary>Serves the next <paramref name="requests"/> requests normally, then starts the outage <paramref name="then"/>.</summary>
    public void FailAfter(int requests, OutageKind then)
    {
        lock (_lock)
        {
            _okBudget = requests;
            _afterBudget = then;
        }
    }

    /// <summary>Stores the next added memory, then aborts the connection instead of answering (a lost response).</summary>
    public void LoseNextAddResponse()
    {
        lock (_lock)
        {
            _loseNextAddResponse = true;
        }
    }

    /// <summary>Gets every stored memory.</summary>
    public IReadOnlyList<JsonObject> All() => [.. _memories.Values];

    public int RequestCount(string path) => Requests.Count(r => r.Path == path);

    public JsonObject? Stored(string id) => _memories.TryGetValue(id, out var m) ? m : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var path = request.Path.Value ?? "/";
        Requests.Enqueue(new Recorded(request.Method, path, request.QueryString.Value ?? "", request.Headers.Authorization.ToString(), request.Headers["X-API-Key"].ToString(), body));
        context.Response.Headers["X-Request-ID"] = "0badc0de";
        lock (_lock)
        {
            if (_okBudget == 0)
            {
                Outage = _afterBudget;
                _okBudget = -1;
            }
            else if (_okBudget > 0)
            {
                _okBudget--;
            }
        }

        switch (Outage)
        {
            case OutageKind.ServiceUnavailable:
                await Write(context, 503, """{"detail":"Service Unavailable"}""");
                return;
            case OutageKind.Abort:
                context.Abort();
                return;
        }

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            foreach (var (name, value) in fault.Headers ?? [])
            {
                context.Response.Headers[name] = value;
            }

            await Write(context, fault.Status, fault.Body);
            return;
        }

        var platform = path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v3/", StringComparison.Ordinal);
        if (!Authorized(request, platform))
        {
            if (!platform)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await Write(context, 401, platform ? """{"detail":"Invalid API key"}""" : """{"detail":"Authentication required. Provide a Bearer token or X-API-Key header."}""");
            return;
        }

        var json = string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body);
        var (status, response) = Route(request.Method, path, request.Query, json, platform);
        bool lose;
        lock (_lock)
        {
            lose = _loseNextAddResponse && request.Method == "POST" && path == "/memories" && status == 200;
            _loseNextAddResponse &= !lose;
        }

        if (lose)
        {
            context.Abort();
            return;
        }

        await Write(context, status, response);
    }

    private static bool Authorized(HttpRequest request, bool platform) =>
        platform
            ? request.Headers.Authorization == "Token " + Key
            : request.Headers["X-API-Key"] == Key || request.Headers.Authorization == "Bearer " + Key;

    private (int Status, string Body) Route(string method, string path, IQueryCollection query, JsonNode? body, bool platform)
    {
        var parts = path.Trim('/').Split('/');
        lock (_lock)
        {
            switch (method, platform, parts)
            {
                case ("GET", false, ["openapi.json"]):
                    return (200, """{"openapi":"3.1.0"}""");
                case ("GET", true, ["v1", "ping"]):
                    return (200, """{"status":"ok","org_id":"o","project_id":"p","user_email":null}""");
                case ("POST", false, ["memories"]):
                    return AddOss(body);
                case ("POST", true, ["v3", "memories", "add"]):
                    return AddPlatform(body);
                case ("GET", true, ["v1", "event", var eventId]):
                    return Event(eventId);
                case ("GET", false, ["memories"]):
                    return ListOss(query);
                case ("POST", true, ["v3", "memories"]):
                    return (200, Page(Filter(body?["filters"]), true, int.Parse(query["page_size"].ToString(), CultureInfo.InvariantCulture)));
                case ("POST", false, ["search"]):
                    return (200, new JsonObject { ["results"] = Search(body, false) }.ToJsonString());
                case ("POST", true, ["v3", "memories", "search"]):
                    return (200, new JsonObject { ["results"] = Search(body, true) }.ToJsonString());
                case ("GET", _, ["memories" or "v1", var a, .. var rest]) when Id(platform, a, rest) is { } id && IsItem(platform, parts):
                    return _memories.TryGetValue(id, out var m) ? (200, Item(m, platform).ToJsonString()) : platform ? (404, """{"error":"Memory not found!"}""") : (200, "null");
                case ("PUT", _, ["memories" or "v1", var a, .. var rest]) when Id(platform, a, rest) is { } id && IsItem(platform, parts):
                    return Update(id, body, platform);
                case ("DELETE", _, ["memories" or "v1", var a, .. var rest]) when Id(platform, a, rest) is { } id && IsItem(platform, parts):
                    if (!_memories.TryRemove(id, out var removed))
                    {
                        return NotFound(platform);
                    }

                    History(id, removed["memory"]!.GetValue<string>(), null, "DELETE");
                    return (200, """{"message":"Memory deleted successfully"}""");
                case ("GET", false, ["memories", var hid, "history"]):
                    return (200, HistoryOf(hid));
                case ("GET", true, ["v1", "memories", var hid, "history"]):
                    return (200, HistoryOf(hid));
                default:
                    return (404, """{"detail":"Not Found"}""");
            }
        }
    }

    private string HistoryOf(string id) =>
        new JsonArray([.. (_history.TryGetValue(id, out var h) ? h : []).Select(e => (JsonNode)e.DeepClone())]).ToJsonString();

    private static bool IsItem(bool platform, string[] parts) => platform ? parts is ["v1", "memories", _] : parts is ["memories", _];

    private static string? Id(bool platform, string a, string[] rest) => platform ? (a == "memories" && rest.Length == 1 ? rest[0] : null) : a;

    private static (int, string) NotFound(bool platform) =>
        platform ? (404, """{"error":"Memory not found!"}""") : (404, """{"detail":"Memory not found"}""");

    private (int, string) AddOss(JsonNode? body)
    {
        if (body?["messages"] is not JsonArray messages)
        {
            return (422, """{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required","input":{}}]}""");
        }

        if (body["user_id"] is null && body["agent_id"] is null && body["run_id"] is null)
        {
            return (400, """{"detail":"At least one identifier (user_id, agent_id, run_id) is required."}""");
        }

        var results = new JsonArray();
        foreach (var message in messages.Where(m => m?["role"]?.GetValue<string>() != "system"))
        {
            var stored = Store(message!["content"]!.GetValue<string>(), body);
            results.Add(new JsonObject { ["id"] = stored["id"]!.DeepClone(), ["memory"] = stored["memory"]!.DeepClone(), ["event"] = "ADD" });
        }

        return (200, new JsonObject { ["results"] = results }.ToJsonString());
    }

    private (int, string) AddPlatform(JsonNode? body)
    {
        var results = new JsonArray();
        foreach (var message in body!["messages"]!.AsArray())
        {
            var stored = Store(message!["content"]!.GetValue<string>(), body);
            results.Add(new JsonObject { ["id"] = stored["id"]!.DeepClone(), ["data"] = new JsonObject { ["memory"] = stored["memory"]!.DeepClone() }, ["event"] = "ADD" });
        }

        var eventId = Guid.NewGuid().ToString();
        _events[eventId] = (0, results);
        return (200, new JsonObject { ["event_id"] = eventId, ["status"] = "PENDING" }.ToJsonString());
    }

    private (int, string) Event(string eventId)
    {
        if (!_events.TryGetValue(eventId, out var state))
        {
            return (404, """{"error":"Event not found"}""");
        }

        _events[eventId] = (state.Polls + 1, state.Results);
        return state.Polls == 0
            ? (200, new JsonObject { ["id"] = eventId, ["status"] = "PENDING" }.ToJsonString())
            : (200, new JsonObject { ["id"] = eventId, ["status"] = "SUCCEEDED", ["results"] = state.Results.DeepClone() }.ToJsonString());
    }

    private JsonObject Store(string text, JsonNode body)
    {
        var id = Guid.NewGuid().ToString();
        var memory = new JsonObject
        {
            ["id"] = id,
            ["memory"] = text,
            ["hash"] = Md5(text),
            ["metadata"] = body["metadata"]?.DeepClone(),
            ["created_at"] = Now(),
            ["updated_at"] = null,
        };
        foreach (var key in new[] { "user_id", "agent_id", "run_id", "expiration_date" })
        {
            if (body[key] is { } value)
            {
                memory[key] = value.DeepClone();
            }
        }

        _memories[id] = memory;
        _storedContents.Add(text);
        History(id, null, text, "ADD");
        return memory;
    }

    public void Seed(JsonObject memory) => _memories[memory["id"]!.GetValue<string>()] = memory;

    private (int, string) Update(string id, JsonNode? body, bool platform)
    {
        if (!_memories.TryGetValue(id, out var memory))
        {
            return NotFound(platform);
        }

        var old = memory["memory"]!.GetValue<string>();
        if (body?["text"] is { } text)
        {
            memory["memory"] = text.DeepClone();
            memory["hash"] = Md5(text.GetValue<string>());
        }

        if (body?["metadata"] is JsonObject metadata)
        {
            var merged = memory["metadata"] as JsonObject ?? [];
            foreach (var (key, value) in metadata)
            {
                if (key is not ("user_id" or "agent_id" or "run_id" or "actor_id"))
                {
                    merged[key] = value?.DeepClone();
                }
            }

            memory["metadata"] = merged;
        }

        memory["updated_at"] = Now();
        History(id, old, memory["memory"]!.GetValue<string>(), "UPDATE");
        return (200, """{"message":"Memory updated successfully!"}""");
    }

    private (int, string) ListOss(IQueryCollection query)
    {
        var filters = new JsonObject();
        foreach (var key in new[] { "user_id", "agent_id", "run_id" })
        {
            if (query.TryGetValue(key, out var value))
            {
                filters[key] = value.ToString();
            }
        }

        if (filters.Count == 0)
        {
            return (403, """{"detail":"Admin access required"}""");
        }

        var topK = query.TryGetValue("top_k", out var k) ? int.Parse(k.ToString(), CultureInfo.InvariantCulture) : 100;
        return (200, new JsonObject { ["results"] = new JsonArray([.. Filter(filters).Take(topK).Select(m => (JsonNode)Item(m, false))]) }.ToJsonString());
    }

    private static string Page(IEnumerable<JsonObject> found, bool platform, int size)
    {
        var all = found.ToList();
        return new JsonObject
        {
            ["count"] = all.Count,
            ["next"] = null,
            ["previous"] = null,
            ["results"] = new JsonArray([.. all.Take(size).Select(m => (JsonNode)Item(m, platform))]),
        }.ToJsonString();
    }

    private JsonArray Search(JsonNode? body, bool platform)
    {
        var words = body!["query"]!.GetValue<string>().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var topK = body["top_k"]?.GetValue<int>() ?? 20;
        var scored = Filter(body["filters"])
            .Select(m => (m, score: words.Count(w => m["memory"]!.GetValue<string>().Contains(w, StringComparison.OrdinalIgnoreCase)) / (double)Math.Max(1, words.Length)))
            .Where(x => x.score >= 0.1)
            .OrderByDescending(x => x.score)
            .Take(topK);
        return [.. scored.Select(x =>
        {
            var item = Item(x.m, platform);
            item["score"] = x.score;
            return (JsonNode)item;
        })];
    }

    private List<JsonObject> Filter(JsonNode? filters)
    {
        var conditions = new List<(string Key, string Value)>();
        void Collect(JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                return;
            }

            foreach (var (key, value) in obj)
            {
                if (key == "AND")
                {
                    foreach (var part in value!.AsArray())
                    {
                        Collect(part);
                    }
                }
                else
                {
                    conditions.Add((key, value!.ToString()));
                }
            }
        }

        Collect(filters);
        return [.. _memories.Values
            .Where(m => conditions.All(c => (m[c.Key] ?? m["metadata"]?[c.Key])?.ToString() == c.Value))
            .OrderBy(m => m["created_at"]!.GetValue<string>(), StringComparer.Ordinal)];
    }

    private static JsonObject Item(JsonObject memory, bool platform)
    {
        var item = (JsonObject)memory.DeepClone();
        if (platform)
        {
            if (item.Remove("run_id", out var run))
            {
                item["session_id"] = run;
            }

            item["categories"] = null;
            item["app_id"] = null;
        }

        return item;
    }

    private void History(string id, string? old, string? @new, string kind)
    {
        var list = _history.GetOrAdd(id, _ => []);
        list.Add(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["memory_id"] = id,
            ["old_memory"] = old,
            ["new_memory"] = @new,
            ["event"] = kind,
            ["created_at"] = Now(),
            ["updated_at"] = null,
            ["is_deleted"] = kind == "DELETE",
            ["actor_id"] = null,
            ["role"] = null,
        });
    }

#pragma warning disable CA5351 // mem0's hash is MD5; the stand-in reproduces it.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    private static async Task Write(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    /// <summary>How the stand-in fails during an outage.</summary>
    internal enum OutageKind
    {
        /// <summary>No outage.</summary>
        None,

        /// <summary>Every request gets 503.</summary>
        ServiceUnavailable,

        /// <summary>Every connection is aborted without an answer (a transport failure).</summary>
        Abort,
    }

    internal sealed record Fault(int Status, string Body, TimeSpan Delay = default, Dictionary<string, string>? Headers = null);

    internal sealed record Recorded(string Method, string Path, string Query, string Authorization, string ApiKey, string Body);
}
