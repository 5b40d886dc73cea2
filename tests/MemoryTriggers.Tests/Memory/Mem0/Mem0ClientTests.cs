using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryTriggers.Memory.Mem0;

namespace MemoryTriggers.Tests.Memory.Mem0;

public sealed class Mem0ClientTests : IAsyncLifetime, IDisposable
{
    private readonly SkippingTimeProvider _time = new();
    private readonly HttpClient _http = new();
    private Mem0StandInServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await Mem0StandInServer.StartAsync();

        // Warm the connection and the server up so that short timeouts measure only scripted delays.
        using var warm = await _http.GetAsync(new Uri(_server.Address, "openapi.json"));
        _server.Requests.Clear();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private Mem0Client Client(Mem0Dialect dialect = Mem0Dialect.Oss, Mem0AuthStyle auth = Mem0AuthStyle.ApiKeyHeader, int retries = 3, int threshold = 0, int readTimeoutMs = 5000) =>
        new(
            _http,
            new Mem0Options
            {
                BaseAddress = _server.Address,
                Dialect = dialect,
                ApiKey = Mem0StandInServer.Key,
                AuthStyle = auth,
                DefaultUserId = "alice",
                MaxRetries = retries,
                RetryDelay = TimeSpan.FromMilliseconds(100),
                ReadTimeout = TimeSpan.FromMilliseconds(readTimeoutMs),
                CircuitBreakerThreshold = threshold,
                CircuitBreakerCooldown = TimeSpan.FromSeconds(30),
                EventPollInterval = TimeSpan.FromMilliseconds(250),
            },
            _time);

    private static Mem0AddRequest Add(string text) =>
        new() { Messages = [new Mem0Message("user", text)], Infer = false, Metadata = new Dictionary<string, JsonElement> { ["source"] = JsonSerializer.SerializeToElement("trigger:x") } };

    [Fact]
    public async Task AddAsync_Oss_SendsXApiKeyAndSnakeCaseBodyAndReturnsResults()
    {
        var results = await Client().AddAsync(Add("I love pizza"));

        var result = Assert.Single(results);
        Assert.Equal("ADD", result.Event);
        Assert.Equal("I love pizza", result.Memory);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/memories", request.Path);
        Assert.Equal(Mem0StandInServer.Key, request.ApiKey);
        Assert.Equal("", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("alice", body["user_id"]!.GetValue<string>());
        Assert.False(body["infer"]!.GetValue<bool>());
        Assert.Equal("trigger:x", body["metadata"]!["source"]!.GetValue<string>());
        Assert.Null(body["agent_id"]);
    }

    [Fact]
    public async Task AddAsync_OssBearer_SendsBearerHeader()
    {
        await Client(auth: Mem0AuthStyle.Bearer).AddAsync(Add("x"));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer " + Mem0StandInServer.Key, request.Authorization);
        Assert.Equal("", request.ApiKey);
    }

    [Fact]
    public async Task AddAsync_Platform_UsesTokenAuthAndPollsEventUntilSucceeded()
    {
        var results = await Client(Mem0Dialect.Platform).AddAsync(Add("I love pizza"));

        var result = Assert.Single(results);
        Assert.Equal("I love pizza", result.Memory);
        Assert.NotNull(_server.Stored(result.Id));
        Assert.All(_server.Requests, r => Assert.Equal("Token " + Mem0StandInServer.Key, r.Authorization));
        Assert.Equal("/v3/memories/add/", _server.Requests.First().Path);
        Assert.Equal(2, _server.Requests.Count(r => r.Path.StartsWith("/v1/event/", StringComparison.Ordinal)));
        Assert.Equal([TimeSpan.FromMilliseconds(250)], _time.Delays);
    }

    [Fact]
    public async Task AddAsync_WrongKey_Throws401()
    {
        var client = new Mem0Client(_http, new Mem0Options { BaseAddress = _server.Address, ApiKey = "wrong", DefaultUserId = "u", MaxRetries = 0 }, _time);

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => client.AddAsync(Add("x")));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("0badc0de", error.RequestId);
        Assert.Contains("Authentication required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_OssUnknownId_ReturnsNullForNullBody()
    {
        Assert.Null(await Client().GetAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task GetAsync_PlatformUnknownId_ReturnsNullFor404()
    {
        Assert.Null(await Client(Mem0Dialect.Platform).GetAsync("22222222-2222-2222-2222-222222222222"));
        Assert.Equal("/v1/memories/22222222-2222-2222-2222-222222222222/", _server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetAsync_PacificOffsetAndNullFields_ParsesAndKeepsUnknownFields()
    {
        _server.Seed(JsonNode.Parse("""
            {"id":"11111111-1111-1111-1111-111111111111","memory":"old","hash":null,"metadata":null,
             "created_at":"2025-03-01T05:00:00.123456-08:00","updated_at":null,"user_id":"alice","actor_id":"bot"}
            """)!.AsObject());

        var memory = await Client().GetAsync("11111111-1111-1111-1111-111111111111");

        Assert.NotNull(memory);
        Assert.Null(memory.Metadata);
        Assert.Null(memory.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), memory.CreatedAt);
        Assert.Equal("bot", memory.ExtensionData!["actor_id"].GetString());
    }

    [Fact]
    public async Task ListAsync_Platform_ReturnsSessionIdAsRunId()
    {
        var client = Client(Mem0Dialect.Platform);
        await client.AddAsync(Add("a") with { UserId = "bob", RunId = "r1" });

        var listed = await client.ListAsync("bob", null, "r1");

        Assert.Equal("r1", Assert.Single(listed).RunId);
        var body = JsonNode.Parse(_server.Requests.Last().Body)!;
        Assert.Equal(2, body["filters"]!["AND"]!.AsArray().Count);
    }

    [Fact]
    public async Task SearchAsync_Oss_PutsIdsInFiltersAndReturnsScores()
    {
        var client = Client();
        await client.AddAsync(Add("I love pizza"));
        await client.AddAsync(Add("The sky is blue"));

        var found = await client.SearchAsync(new Mem0SearchRequest { Query = "pizza", TopK = 5 });

        Assert.Equal("I love pizza", Assert.Single(found).Memory);
        Assert.True(found[0].Score > 0);
        var body = JsonNode.Parse(_server.Requests.Last().Body)!;
        Assert.Equal("alice", body["filters"]!["user_id"]!.GetValue<string>());
        Assert.Equal(5, body["top_k"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpdateDeleteHistory_Oss_RoundTripAndReportUnknownIds()
    {
        var client = Client();
        var id = (await client.AddAsync(Add("v1"))).Single().Id;

        Assert.True(await client.UpdateAsync(id, new Mem0MemoryUpdate { Text = "v2" }));
        Assert.Equal("v2", (await client.GetAsync(id))!.Memory);
        Assert.True(await client.DeleteAsync(id));
        Assert.False(await client.DeleteAsync(id));
        Assert.False(await client.UpdateAsync(id, new Mem0MemoryUpdate { Text = "v3" }));
        var history = await client.HistoryAsync(id);

        Assert.Equal(["ADD", "UPDATE", "DELETE"], history.Select(h => h.Event));
        Assert.Equal("v2", history[1].NewMemory);
    }

    [Fact]
    public async Task AddAsync_422ValidationBody_ThrowsWithValidationErrors()
    {
        _server.Enqueue(new(422, """{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required","input":{}}]}"""));

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => Client().AddAsync(Add("x")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(["body.messages: Field required"], error.ValidationErrors);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SearchAsync_502Body_ThrowsWithCodeAndRequestIdAfterRetries()
    {
        for (var i = 0; i < 2; i++)
        {
            _server.Enqueue(new(502, """{"detail":"LLM provider timed out","code":"provider_timeout","request_id":"ab12cd34"}"""));
        }

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => Client(retries: 1).SearchAsync(new Mem0SearchRequest { Query = "q" }));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("provider_timeout", error.ErrorCode);
        Assert.Equal("ab12cd34", error.RequestId);
        Assert.True(error.IsTransient);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100)], _time.Delays);
    }

    [Fact]
    public async Task GetAsync_PlatformBadRequest_ThrowsWithDetailsMessage()
    {
        _server.Enqueue(new(400, """{"error":"400 Bad Request","details":{"message":"bad filters"}}"""));

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => Client(Mem0Dialect.Platform).GetAsync("x"));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("bad filters", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task AddAsync_429ThenOk_RetriesAfterRetryAfterSeconds()
    {
        _server.Enqueue(new(429, """{"detail":"Too many requests"}""", Headers: new() { ["Retry-After"] = "2" }));

        var results = await Client().AddAsync(Add("I love pizza"));

        Assert.Single(results);
        Assert.Equal(2, _server.RequestCount("/memories"));
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Delays);
    }

    [Fact]
    public async Task GetAsync_503WithRetryAfterDate_WaitsUntilThatDate()
    {
        var at = _time.GetUtcNow().AddSeconds(7).ToString("R");
        _server.Enqueue(new(503, "", Headers: new() { ["Retry-After"] = at }));

        Assert.Null(await Client().GetAsync("id-1"));

        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
    }

    [Fact]
    public async Task GetAsync_Old500s_RetriesWithExponentialBackoffThenThrows()
    {
        for (var i = 0; i < 4; i++)
        {
            _server.Enqueue(new(500, """{"detail":"'NoneType' object has no attribute 'id'"}"""));
        }

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => Client(retries: 3).GetAsync("id-1"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], _time.Delays);
    }

    [Fact]
    public async Task GetAsync_SlowResponse_TimesOutAndRetriesReads()
    {
        _server.Enqueue(new(200, "null", Delay: TimeSpan.FromSeconds(10)));

        Assert.Null(await Client(retries: 1, readTimeoutMs: 300).GetAsync("id-1"));

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task AddAsync_SlowResponse_ThrowsTimeoutWithoutRetrying()
    {
        _server.Enqueue(new(200, """{"results":[]}""", Delay: TimeSpan.FromSeconds(10)));
        var client = new Mem0Client(_http, Client().Options with { WriteTimeout = TimeSpan.FromMilliseconds(300) }, _time);

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => client.AddAsync(Add("x")));

        Assert.Equal(Mem0ApiException.TimeoutCode, error.ErrorCode);
        Assert.Null(error.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Breaker_ConsecutiveFailures_FailFastThenHalfOpenTrialCloses()
    {
        var client = Client(retries: 0, threshold: 3);
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(new(500, """{"detail":"boom"}"""));
            await Assert.ThrowsAsync<Mem0ApiException>(() => client.GetAsync("id-1"));
        }

        var open = await Assert.ThrowsAsync<Mem0ApiException>(() => client.GetAsync("id-1"));
        Assert.Equal(Mem0ApiException.CircuitOpenCode, open.ErrorCode);
        Assert.True(client.IsCircuitOpen);
        Assert.Equal(3, _server.Requests.Count);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await client.GetAsync("id-1"));

        Assert.False(client.IsCircuitOpen);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task Breaker_HalfOpenTrialFails_ReopensAtOnce()
    {
        var client = Client(retries: 0, threshold: 2);
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(new(500, """{"detail":"boom"}"""));
        }

        await Assert.ThrowsAsync<Mem0ApiException>(() => client.GetAsync("a"));
        await Assert.ThrowsAsync<Mem0ApiException>(() => client.GetAsync("a"));
        _time.Advance(TimeSpan.FromSeconds(31));
        var trial = await Assert.ThrowsAsync<Mem0ApiException>(() => client.GetAsync("a"));

        Assert.Equal(HttpStatusCode.InternalServerError, trial.StatusCode);
        Assert.True(client.IsCircuitOpen);
    }

    [Fact]
    public async Task PingAsync_BothDialects_HitLivenessRoutes()
    {
        await Client().PingAsync();
        await Client(Mem0Dialect.Platform).PingAsync();

        Assert.Equal(["/openapi.json", "/v1/ping/"], _server.Requests.Select(r => r.Path));
    }
}
