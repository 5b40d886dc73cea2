using System.Text;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Mem0;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>
/// The canned mem0 stand-in, one shared <see cref="HttpClient"/> (the handler of <see cref="Mem0Client.CreateHandler"/>),
/// a <see cref="Mem0Client"/> and a <see cref="Mem0MemoryStore"/> (no deduplication, so a create is one add call) on it,
/// and raw requests that send the very bodies the client sent: add, search and get, three ways each.
/// </summary>
internal sealed class Mem0Fixture : IAsyncDisposable
{
    private readonly Mem0CannedServer _server;
    private readonly HttpClient _http;
    private readonly Uri _addUri;
    private readonly Uri _searchUri;
    private readonly Uri _getUri;
    private string _addPayload = "";
    private string _searchPayload = "";

    private Mem0Fixture(Mem0CannedServer server)
    {
        _server = server;
        var options = new Mem0Options { BaseAddress = server.Address, ApiKey = Mem0CannedServer.ApiKey, DefaultUserId = "user-001" };
        _http = new HttpClient(Mem0Client.CreateHandler(options));
        Client = new Mem0Client(_http, options);
        Store = new Mem0MemoryStore(Client, deduplicationWindow: TimeSpan.Zero);
        _addUri = new Uri(server.Address, "memories");
        _searchUri = new Uri(server.Address, "search");
        _getUri = new Uri(server.Address, "memories/" + Mem0CannedServer.MemoryId);
    }

    public Mem0Client Client { get; }

    public Mem0MemoryStore Store { get; }

    /// <summary>What the add calls store: a memory as a policy's create_memory action would write it.</summary>
    public static MemoryDraft Draft { get; } = new()
    {
        Content = "deploy of the billing service failed with a database timeout",
        Tags = ["deploy", "billing"],
        Category = "error",
        Metadata = new Dictionary<string, object?> { ["source"] = "chat", ["priority"] = 3L },
        QualityScore = 0.8,
        UserId = "user-001",
        SourceRule = "error_handler",
    };

    public static Mem0AddRequest AddRequest { get; } = new()
    {
        Messages = [new Mem0Message("user", Draft.Content)],
        UserId = "user-001",
        Metadata = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["source"] = System.Text.Json.JsonSerializer.SerializeToElement("chat"),
            ["priority"] = System.Text.Json.JsonSerializer.SerializeToElement(3),
            ["mt_tags"] = System.Text.Json.JsonSerializer.SerializeToElement(new[] { "deploy", "billing" }),
            ["mt_category"] = System.Text.Json.JsonSerializer.SerializeToElement("error"),
            ["mt_quality"] = System.Text.Json.JsonSerializer.SerializeToElement(0.8),
            ["mt_source_rule"] = System.Text.Json.JsonSerializer.SerializeToElement("error_handler"),
        },
        Infer = false,
    };

    public static Mem0SearchRequest SearchRequest { get; } = new() { Query = "billing deploy timeout", UserId = "user-001", TopK = 10 };

    public static MemoryQuery Query { get; } = new() { Text = "billing deploy timeout", UserId = "user-001", Limit = 10 };

    /// <summary>Starts the stand-in, makes one call of each kind through the client to capture the bodies, and checks the answers.</summary>
    public static async Task<Mem0Fixture> StartAsync()
    {
        var fixture = new Mem0Fixture(await Mem0CannedServer.StartAsync().ConfigureAwait(false));
        var added = await fixture.ClientAddAsync().ConfigureAwait(false);
        Check.That(added.Count == 1 && added[0].Id == Mem0CannedServer.MemoryId, "the client's add did not return the canned result");
        var found = await fixture.ClientSearchAsync().ConfigureAwait(false);
        Check.That(found.Count == 10, $"the client's search returned {found.Count} memories, expected 10");
        fixture._addPayload = fixture._server.LastBodies["POST /memories"];
        fixture._searchPayload = fixture._server.LastBodies["POST /search"];
        Check.That((await fixture.ClientGetAsync().ConfigureAwait(false))?.Id == Mem0CannedServer.MemoryId, "the client's get did not return the canned memory");
        Check.That((await fixture.StoreCreateAsync().ConfigureAwait(false)).Created, "the store's create did not create");
        Check.That((await fixture.StoreRecallAsync().ConfigureAwait(false)).Count == 10, "the store's recall did not return 10 memories");
        Check.That((await fixture.StoreGetAsync().ConfigureAwait(false))?.Tags.Count == 2, "the store's get did not read the tags");
        Check.That((await fixture.RawAddAsync().ConfigureAwait(false)).Contains(Mem0CannedServer.MemoryId, StringComparison.Ordinal), "the raw add failed");
        Check.That((await fixture.RawSearchAsync().ConfigureAwait(false)).Contains("\"score\"", StringComparison.Ordinal), "the raw search failed");
        Check.That((await fixture.RawGetAsync().ConfigureAwait(false)).Contains(Mem0CannedServer.MemoryId, StringComparison.Ordinal), "the raw get failed");
        return fixture;
    }

    public Task<string> RawAddAsync() => RawAsync(HttpMethod.Post, _addUri, _addPayload);

    public Task<string> RawSearchAsync() => RawAsync(HttpMethod.Post, _searchUri, _searchPayload);

    public Task<string> RawGetAsync() => RawAsync(HttpMethod.Get, _getUri, null);

    public Task<IReadOnlyList<Mem0AddResult>> ClientAddAsync() => Client.AddAsync(AddRequest);

    public Task<IReadOnlyList<Mem0Memory>> ClientSearchAsync() => Client.SearchAsync(SearchRequest);

    public Task<Mem0Memory?> ClientGetAsync() => Client.GetAsync(Mem0CannedServer.MemoryId);

    public Task<MemoryCreateResult> StoreCreateAsync() => Store.CreateAsync(Draft);

    public Task<IReadOnlyList<MemoryRecord>> StoreRecallAsync() => Store.RecallAsync(Query);

    public Task<MemoryRecord?> StoreGetAsync() => Store.GetAsync(Mem0CannedServer.MemoryId);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What any caller must do at least: a request with the key header and the JSON body, the whole answer read as text.</summary>
    private async Task<string> RawAsync(HttpMethod method, Uri uri, string? payload)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("X-API-Key", Mem0CannedServer.ApiKey);
        if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
