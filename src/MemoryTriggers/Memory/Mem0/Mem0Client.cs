using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>
/// A typed client for mem0's HTTP API, in either dialect (<see cref="Mem0Options.Dialect"/>). Each
/// attempt has the read or write timeout; 429 and 5xx answers are retried with exponential backoff
/// honouring Retry-After, and timeouts and transport failures are retried for calls that are safe
/// to repeat (everything but add), up to <see cref="Mem0Options.MaxRetries"/>. A circuit breaker
/// counts consecutive failed attempts. Thread-safe; the <see cref="HttpClient"/> may come from
/// IHttpClientFactory (its BaseAddress is not used; <see cref="Mem0Options.BaseAddress"/> is).
/// </summary>
public sealed class Mem0Client
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly Mem0Options _options;
    private readonly TimeProvider _time;
    private readonly Mem0CircuitBreaker _breaker;

    /// <summary>Initializes a new instance of the <see cref="Mem0Client"/> class.</summary>
    /// <param name="httpClient">The HTTP client; see <see cref="CreateHandler"/> for a handler with the connect timeout.</param>
    /// <param name="options">Where and how to reach mem0.</param>
    /// <param name="timeProvider">The clock for retry delays, event polling and the breaker's cool-down; the system clock if null.</param>
    public Mem0Client(HttpClient httpClient, Mem0Options options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _breaker = new Mem0CircuitBreaker(options.CircuitBreakerThreshold, options.CircuitBreakerCooldown, _time);
    }

    /// <summary>Gets the options.</summary>
    public Mem0Options Options => _options;

    /// <summary>Gets a value indicating whether the circuit breaker is open (calls fail fast).</summary>
    public bool IsCircuitOpen => _breaker.IsOpen;

    /// <summary>Creates a handler with the connect timeout of <paramref name="options"/> and no redirects.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The handler; the caller owns it.</returns>
    public static SocketsHttpHandler CreateHandler(Mem0Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>
    /// Adds memories. OSS: <c>POST /memories</c>, synchronous. Platform: <c>POST /v3/memories/add/</c>;
    /// a <c>PENDING</c> answer is followed by polling <c>GET /v1/event/{id}/</c> until
    /// <c>SUCCEEDED</c> (its <c>results</c> are returned) or <c>FAILED</c> (an exception). Not retried
    /// after a timeout or transport failure, since the server may have stored the memory.
    /// </summary>
    /// <param name="request">The memory; without any id the option defaults are used.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memories the server produced.</returns>
    public async Task<IReadOnlyList<Mem0AddResult>> AddAsync(Mem0AddRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserId is null && request.AgentId is null && request.RunId is null)
        {
            request = request with { UserId = _options.DefaultUserId, AgentId = _options.DefaultAgentId, RunId = _options.DefaultRunId };
        }

        var body = JsonSerializer.SerializeToNode(request, Json);
        var path = Platform ? "v3/memories/add/" : "memories";
        var response = await SendAsync(HttpMethod.Post, path, body, write: true, idempotent: false, cancellationToken).ConfigureAwait(false);
        var root = response.Body;
        if (Platform && Text(root, "event_id") is { } eventId)
        {
            return await PollEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        }

        var results = new List<Mem0AddResult>();
        foreach (var item in Results(root))
        {
            if (Text(item, "id") is null && Text(item, "event_id") is { } pending)
            {
                results.AddRange(await PollEventAsync(pending, cancellationToken).ConfigureAwait(false));
            }
            else if (ParseAddResult(item) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Searches. OSS: <c>POST /search</c>; platform: <c>POST /v3/memories/search/</c>. Ids go into <c>filters</c>.</summary>
    /// <param name="request">The search; without any id the option defaults are used.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memories, best first, each with its score.</returns>
    public async Task<IReadOnlyList<Mem0Memory>> SearchAsync(Mem0SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filters = Filters(request.UserId, request.AgentId, request.RunId, request.Filters);
        var body = new JsonObject { ["query"] = request.Query, ["filters"] = filters };
        if (request.TopK is { } topK)
        {
            body["top_k"] = topK;
        }

        if (request.Threshold is { } threshold)
        {
            body["threshold"] = threshold;
        }

        var path = Platform ? "v3/memories/search/" : "search";
        var response = await SendAsync(HttpMethod.Post, path, body, write: false, idempotent: true, cancellationToken).ConfigureAwait(false);
        return [.. Results(response.Body).Select(ParseMemory)];
    }

    /// <summary>
    /// Lists the memories of a scope. OSS: <c>GET /memories?user_id=…&amp;top_k=…</c>; platform:
    /// <c>POST /v3/memories/?page=1&amp;page_size=…</c> with <c>filters</c>.
    /// </summary>
    /// <param name="userId">The user; with no id at all the option defaults are used (listing everything is admin-only on OSS).</param>
    /// <param name="agentId">The agent.</param>
    /// <param name="runId">The run.</param>
    /// <param name="limit">The most memories (OSS allows 0–1000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memories.</returns>
    public async Task<IReadOnlyList<Mem0Memory>> ListAsync(string? userId, string? agentId, string? runId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Response response;
        if (Platform)
        {
            var body = new JsonObject { ["filters"] = Filters(userId, agentId, runId, null) };
            response = await SendAsync(HttpMethod.Post, $"v3/memories/?page=1&page_size={limit}", body, write: false, idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (userId is null && agentId is null && runId is null)
            {
                (userId, agentId, runId) = (_options.DefaultUserId, _options.DefaultAgentId, _options.DefaultRunId);
            }

            var query = new StringBuilder("memories?top_k=").Append(limit);
            Append(query, "user_id", userId);
            Append(query, "agent_id", agentId);
            Append(query, "run_id", runId);
            response = await SendAsync(HttpMethod.Get, query.ToString(), null, write: false, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        return [.. Results(response.Body).Select(ParseMemory)];
    }

    /// <summary>Reads one memory. An OSS <c>null</c> body (HTTP 200) and a 404 both mean not found.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory, or null.</returns>
    public async Task<Mem0Memory?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var response = await SendAsync(HttpMethod.Get, MemoryPath(id), null, write: false, idempotent: true, cancellationToken, notFoundOk: true).ConfigureAwait(false);
        return response.NotFound || response.Body.ValueKind != JsonValueKind.Object ? null : ParseMemory(response.Body);
    }

    /// <summary>Updates a memory (<c>PUT</c>); sent metadata is merged by the server.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the memory does not exist (404).</returns>
    public async Task<bool> UpdateAsync(string id, Mem0MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(update);
        var body = JsonSerializer.SerializeToNode(update, Json);
        var response = await SendAsync(HttpMethod.Put, MemoryPath(id), body, write: true, idempotent: true, cancellationToken, notFoundOk: true).ConfigureAwait(false);
        return !response.NotFound;
    }

    /// <summary>Deletes a memory (<c>DELETE</c>).</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the memory does not exist (404).</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var response = await SendAsync(HttpMethod.Delete, MemoryPath(id), null, write: true, idempotent: true, cancellationToken, notFoundOk: true).ConfigureAwait(false);
        return !response.NotFound;
    }

    /// <summary>Reads a memory's history (<c>GET …/{id}/history</c>), oldest first as the server returns it.</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries; empty for an unknown id.</returns>
    public async Task<IReadOnlyList<Mem0HistoryEntry>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var path = Platform ? $"v1/memories/{Uri.EscapeDataString(id)}/history/" : $"memories/{Uri.EscapeDataString(id)}/history";
        var response = await SendAsync(HttpMethod.Get, path, null, write: false, idempotent: true, cancellationToken, notFoundOk: true).ConfigureAwait(false);
        return response.NotFound ? [] : [.. Results(response.Body).Select(e => e.Deserialize<Mem0HistoryEntry>(Json)!)];
    }

    /// <summary>Checks that the server answers: OSS <c>GET /openapi.json</c>, platform <c>GET /v1/ping/</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that fails with <see cref="Mem0ApiException"/> when the server does not answer well.</returns>
    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, Platform ? "v1/ping/" : "openapi.json", null, write: false, idempotent: true, cancellationToken).ConfigureAwait(false);

    private bool Platform => _options.Dialect == Mem0Dialect.Platform;

    private string MemoryPath(string id) => Platform ? $"v1/memories/{Uri.EscapeDataString(id)}/" : $"memories/{Uri.EscapeDataString(id)}";

    private async Task<IReadOnlyList<Mem0AddResult>> PollEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var path = $"v1/event/{Uri.EscapeDataString(eventId)}/";
        for (var poll = 0; poll < _options.EventPollMaxAttempts; poll++)
        {
            var response = await SendAsync(HttpMethod.Get, path, null, write: true, idempotent: true, cancellationToken).ConfigureAwait(false);
            var status = Text(response.Body, "status");
            if (string.Equals(status, "SUCCEEDED", StringComparison.OrdinalIgnoreCase))
            {
                return [.. Results(response.Body).Select(ParseAddResult).OfType<Mem0AddResult>()];
            }

            if (string.Equals(status, "FAILED", StringComparison.OrdinalIgnoreCase))
            {
                throw new Mem0ApiException($"mem0 add event {eventId} failed.", response.Status, "event_failed", response.RequestId);
            }

            await Task.Delay(_options.EventPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        throw new Mem0ApiException($"mem0 add event {eventId} did not finish after {_options.EventPollMaxAttempts} polls.", null, Mem0ApiException.TimeoutCode, null);
    }

    private async Task<Response> SendAsync(HttpMethod method, string path, JsonNode? body, bool write, bool idempotent, CancellationToken cancellationToken, bool notFoundOk = false)
    {
        var uri = new Uri(_options.BaseAddress, path);
        var payload = body?.ToJsonString(Json);
        var timeout = write ? _options.WriteTimeout : _options.ReadTimeout;
        for (var attempt = 0; ; attempt++)
        {
            if (!_breaker.TryEnter())
            {
                throw new Mem0ApiException($"The mem0 circuit breaker is open; {method} {path} was not sent.", null, Mem0ApiException.CircuitOpenCode, null);
            }

            Mem0ApiException failure;
            TimeSpan? retryAfter = null;
            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeoutSource.CancelAfter(timeout);
                try
                {
                    using var request = new HttpRequestMessage(method, uri);
                    Authorize(request);
                    if (payload is not null)
                    {
                        request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(timeoutSource.Token).ConfigureAwait(false);
                    var parsed = Parse(text);
                    var headerRequestId = response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;
                    if (response.IsSuccessStatusCode)
                    {
                        _breaker.OnSuccess();
                        return new Response(response.StatusCode, parsed, headerRequestId, NotFound: false);
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound && notFoundOk)
                    {
                        _breaker.OnNeutral();
                        return new Response(response.StatusCode, parsed, headerRequestId, NotFound: true);
                    }

                    failure = Describe(method, path, response.StatusCode, parsed, headerRequestId);
                    var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                    if (!transient)
                    {
                        _breaker.OnNeutral();
                        throw failure;
                    }

                    _breaker.OnFailure();
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    _breaker.OnFailure();
                    failure = new Mem0ApiException($"mem0 {method} {path} timed out after {timeout.TotalSeconds:0.###} s.", null, Mem0ApiException.TimeoutCode, null, null, ex);
                    if (!idempotent)
                    {
                        throw failure;
                    }
                }
                catch (HttpRequestException ex)
                {
                    _breaker.OnFailure();
                    failure = new Mem0ApiException($"mem0 {method} {path} failed: {ex.Message}", null, Mem0ApiException.TransportCode, null, null, ex);
                    if (!idempotent)
                    {
                        throw failure;
                    }
                }
            }

            if (attempt >= _options.MaxRetries)
            {
                throw failure;
            }

            var backoff = _options.RetryDelay * Math.Pow(2, attempt);
            var delay = retryAfter is { } after && after > backoff ? after : backoff;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var after = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (after is null)
        {
            return null;
        }

        return after < TimeSpan.Zero ? TimeSpan.Zero : after > _options.MaxRetryAfter ? _options.MaxRetryAfter : after;
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (string.IsNullOrEmpty(_options.ApiKey))
        {
            return;
        }

        if (Platform)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", _options.ApiKey);
        }
        else if (_options.AuthStyle == Mem0AuthStyle.Bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", _options.ApiKey);
        }
    }

    private static Mem0ApiException Describe(HttpMethod method, string path, HttpStatusCode status, JsonElement body, string? headerRequestId)
    {
        string? message = null;
        string? code = null;
        string? requestId = headerRequestId;
        var validation = new List<string>();
        if (body.ValueKind == JsonValueKind.Object)
        {
            code = Text(body, "code");
            requestId = Text(body, "request_id") ?? requestId;
            if (body.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in detail.EnumerateArray())
                    {
                        var loc = item.TryGetProperty("loc", out var l) && l.ValueKind == JsonValueKind.Array
                            ? string.Join(".", l.EnumerateArray().Select(p => p.ToString()))
                            : null;
                        var msg = Text(item, "msg") ?? item.ToString();
                        validation.Add(loc is null ? msg : $"{loc}: {msg}");
                    }

                    message = string.Join("; ", validation);
                }
                else
                {
                    message = detail.ValueKind == JsonValueKind.String ? detail.GetString() : detail.ToString();
                }
            }

            if (Text(body, "error") is { } error)
            {
                var details = body.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? Text(d, "message") : null;
                message = details is null ? error : $"{error}: {details}";
            }
        }

        var text = $"mem0 {method} {path} failed with {(int)status} {status}" + (message is null ? "." : $": {message}")
            + (code is null ? "" : $" (code {code})") + (requestId is null ? "" : $" [request {requestId}]");
        return new Mem0ApiException(text, status, code, requestId, validation);
    }

    private JsonObject Filters(string? userId, string? agentId, string? runId, IReadOnlyDictionary<string, JsonElement>? extra)
    {
        if (userId is null && agentId is null && runId is null)
        {
            (userId, agentId, runId) = (_options.DefaultUserId, _options.DefaultAgentId, _options.DefaultRunId);
        }

        var entries = new List<KeyValuePair<string, JsonNode?>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                entries.Add(new(key, JsonValue.Create(value)));
            }
        }

        Add("user_id", userId);
        Add("agent_id", agentId);
        Add("run_id", runId);
        foreach (var (key, value) in extra ?? new Dictionary<string, JsonElement>())
        {
            entries.Add(new(key, JsonNode.Parse(value.GetRawText())));
        }

        if (Platform && entries.Count > 1)
        {
            // The platform combines several conditions with an explicit AND list.
            var all = new JsonArray();
            foreach (var entry in entries)
            {
                all.Add(new JsonObject { [entry.Key] = entry.Value });
            }

            return new JsonObject { ["AND"] = all };
        }

        var filters = new JsonObject();
        foreach (var entry in entries)
        {
            filters[entry.Key] = entry.Value;
        }

        return filters;
    }

    private static void Append(StringBuilder query, string key, string? value)
    {
        if (value is not null)
        {
            query.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private static List<JsonElement> Results(JsonElement root) =>
        root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Object when root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array => [.. results.EnumerateArray()],
            _ => [],
        };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static Mem0Memory ParseMemory(JsonElement element)
    {
        var memory = element.Deserialize<Mem0Memory>(Json)
            ?? throw new Mem0ApiException("mem0 returned a null memory where one was expected.");
        if (memory.RunId is null && memory.ExtensionData is { } extra && extra.TryGetValue("session_id", out var session) && session.ValueKind == JsonValueKind.String)
        {
            memory = memory with { RunId = session.GetString() };
        }

        return memory;
    }

    private static Mem0AddResult? ParseAddResult(JsonElement item)
    {
        if (Text(item, "id") is not { } id)
        {
            return null;
        }

        var text = Text(item, "memory")
            ?? (item.TryGetProperty("data", out var data) ? Text(data, "memory") : null);
        return new Mem0AddResult(id, text, Text(item, "event") ?? "ADD");
    }

    private sealed record Response(HttpStatusCode Status, JsonElement Body, string? RequestId, bool NotFound);
}
