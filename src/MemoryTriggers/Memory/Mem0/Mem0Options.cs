using System.Globalization;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>How a <see cref="Mem0Client"/> reaches mem0. Build one from the configuration with <see cref="FromBackendConfig"/>.</summary>
public sealed record Mem0Options
{
    /// <summary>The platform's base address.</summary>
    public static readonly Uri PlatformAddress = new("https://api.mem0.ai/");

    /// <summary>Gets the server's base address, for example <c>http://localhost:8888/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Gets the API dialect.</summary>
    public Mem0Dialect Dialect { get; init; } = Mem0Dialect.Oss;

    /// <summary>Gets the API key; no auth header is sent when null (an OSS server with <c>AUTH_DISABLED</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets how an OSS server receives the key; ignored by the platform, which always takes <c>Authorization: Token</c>.</summary>
    public Mem0AuthStyle AuthStyle { get; init; } = Mem0AuthStyle.ApiKeyHeader;

    /// <summary>Gets the user id used when a call names no user, agent or run.</summary>
    public string? DefaultUserId { get; init; }

    /// <summary>Gets the agent id used when a call names no user, agent or run.</summary>
    public string? DefaultAgentId { get; init; }

    /// <summary>Gets the run id used when a call names no user, agent or run.</summary>
    public string? DefaultRunId { get; init; }

    /// <summary>Gets the time allowed to connect (applied by <see cref="Mem0Client.CreateHandler"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the time allowed for one attempt of a read (get, list, search, history, ping).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the time allowed for one attempt of a write (add, update, delete, event poll).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how many times a failed attempt is retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Gets the base retry delay; attempt n waits <c>RetryDelay * 2^(n-1)</c> unless Retry-After says more.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest delay honoured from a Retry-After header.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how many consecutive failed attempts open the circuit breaker; 0 turns the breaker off.</summary>
    public int CircuitBreakerThreshold { get; init; } = 5;

    /// <summary>Gets how long an open breaker fails calls fast before letting one trial call through.</summary>
    public TimeSpan CircuitBreakerCooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the wait between polls of a platform add event.</summary>
    public TimeSpan EventPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets the most polls of a platform add event before giving up.</summary>
    public int EventPollMaxAttempts { get; init; } = 60;

    /// <summary>
    /// Builds options from <c>backend</c> configuration. <c>backend_settings</c> keys:
    /// <c>api_key_env</c> (required: the name of the environment variable holding the key; the key
    /// itself is never read from YAML), <c>host</c> (base address; a bare <c>host:port</c> gets
    /// <c>http://</c>; default the platform for the platform dialect, else <c>http://localhost:8000</c>),
    /// <c>dialect</c> (<c>oss</c> or <c>platform</c>; default platform when host is api.mem0.ai, else oss),
    /// <c>auth</c> (<c>x-api-key</c> or <c>bearer</c>, OSS only), <c>user_id</c>, <c>agent_id</c>, <c>run_id</c>
    /// (defaults). Timeouts, <c>max_retries</c> and <c>retry_delay</c> come from the backend section.
    /// </summary>
    /// <param name="config">The backend section.</param>
    /// <param name="environment">Looks up an environment variable; <see cref="System.Environment.GetEnvironmentVariable(string)"/> if null.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ConfigurationException">A setting is missing or invalid, or the key's variable is unset.</exception>
    public static Mem0Options FromBackendConfig(BackendConfig config, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        environment ??= System.Environment.GetEnvironmentVariable;
        var settings = config.BackendSettings;
        if (settings.ContainsKey("api_key"))
        {
            throw new ConfigurationException("backend.backend_settings.api_key must not be set: put the key in an environment variable and name it in backend_settings.api_key_env.");
        }

        var keyEnv = Text(settings, "api_key_env");
        if (string.IsNullOrWhiteSpace(keyEnv))
        {
            throw new ConfigurationException("backend.backend_settings.api_key_env is required for the mem0 backend: it names the environment variable that holds the mem0 API key.");
        }

        var key = environment(keyEnv);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ConfigurationException($"The environment variable '{keyEnv}' named by backend.backend_settings.api_key_env is not set or empty; it must hold the mem0 API key.");
        }

        var host = Text(settings, "host");
        var dialectText = Text(settings, "dialect")?.Trim().ToLowerInvariant();
        var dialect = dialectText switch
        {
            null or "" => host is not null && host.Contains("api.mem0.ai", StringComparison.OrdinalIgnoreCase) ? Mem0Dialect.Platform : Mem0Dialect.Oss,
            "oss" or "open-source" or "opensource" or "self-hosted" => Mem0Dialect.Oss,
            "platform" or "hosted" => Mem0Dialect.Platform,
            _ => throw new ConfigurationException($"backend.backend_settings.dialect '{dialectText}' is not 'oss' or 'platform'."),
        };
        var authText = Text(settings, "auth")?.Trim().ToLowerInvariant();
        var auth = authText switch
        {
            null or "" or "x-api-key" or "api_key" or "api-key" => Mem0AuthStyle.ApiKeyHeader,
            "bearer" => Mem0AuthStyle.Bearer,
            _ => throw new ConfigurationException($"backend.backend_settings.auth '{authText}' is not 'x-api-key' or 'bearer'."),
        };

        Uri address;
        if (string.IsNullOrWhiteSpace(host))
        {
            address = dialect == Mem0Dialect.Platform ? PlatformAddress : new Uri("http://localhost:8000/");
        }
        else
        {
            var withScheme = host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host;
            if (!Uri.TryCreate(withScheme.EndsWith('/') ? withScheme : withScheme + "/", UriKind.Absolute, out var parsed)
                || parsed.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationException($"backend.backend_settings.host '{host}' is not an http or https address.");
            }

            address = parsed;
        }

        return new Mem0Options
        {
            BaseAddress = address,
            Dialect = dialect,
            ApiKey = key,
            AuthStyle = auth,
            DefaultUserId = Text(settings, "user_id"),
            DefaultAgentId = Text(settings, "agent_id"),
            DefaultRunId = Text(settings, "run_id"),
            ConnectTimeout = TimeSpan.FromSeconds(config.ConnectionTimeout),
            ReadTimeout = TimeSpan.FromSeconds(config.ReadTimeout),
            WriteTimeout = TimeSpan.FromSeconds(config.WriteTimeout),
            MaxRetries = config.MaxRetries,
            RetryDelay = TimeSpan.FromSeconds(config.RetryDelay),
        };
    }

    private static string? Text(ValueMap<object?> settings, string key) =>
        settings.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null
            : null;
}
