using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Mem0;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// Opens the memory store a configuration describes: <c>backend.backend_type</c> chooses the
/// implementation (<c>local</c>: SQLite at <c>backend_settings.local_storage_path</c>; <c>mem0</c>:
/// the mem0 client, over an <see cref="IHttpClientFactory"/> client named <see cref="Mem0HttpClientName"/>).
/// </summary>
public sealed class MemoryStoreFactory
{
    /// <summary>The name of the <see cref="HttpClient"/> the mem0 backend asks the factory for.</summary>
    public const string Mem0HttpClientName = "MemoryTriggers.Mem0";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<string, string?> _environment;

    /// <summary>Initializes a new instance of the <see cref="MemoryStoreFactory"/> class.</summary>
    /// <param name="httpClientFactory">Makes the HTTP clients of remote backends.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="loggerFactory">Makes loggers; none if null.</param>
    /// <param name="environment">Looks up environment variables (the mem0 API key); the process environment if null.</param>
    public MemoryStoreFactory(
        IHttpClientFactory httpClientFactory,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _httpClientFactory = httpClientFactory;
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _environment = environment ?? System.Environment.GetEnvironmentVariable;
    }

    /// <summary>
    /// Creates a factory for code without a DI container: its HTTP clients come from a private
    /// <see cref="IHttpClientFactory"/>.
    /// </summary>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="loggerFactory">Makes loggers; none if null.</param>
    /// <param name="environment">Looks up environment variables; the process environment if null.</param>
    /// <returns>The factory.</returns>
    public static MemoryStoreFactory CreateDefault(
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Func<string, string?>? environment = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(Mem0HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        var provider = services.BuildServiceProvider();
        return new MemoryStoreFactory(provider.GetRequiredService<IHttpClientFactory>(), timeProvider, loggerFactory, environment);
    }

    /// <summary>Opens the configured primary backend.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    /// <exception cref="ConfigurationException">The backend is not implemented or its settings are wrong.</exception>
    public Task<IMemoryStore> OpenAsync(MemoryTriggerConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return OpenBackendAsync(config.Backend.BackendType, config, cancellationToken);
    }

    /// <summary>Opens one backend with the settings of <paramref name="config"/>.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    /// <exception cref="ConfigurationException">The backend is not implemented or its settings are wrong.</exception>
    public async Task<IMemoryStore> OpenBackendAsync(MemoryBackend backend, MemoryTriggerConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        switch (backend)
        {
            case MemoryBackend.Local:
                var options = SqliteMemoryStoreOptions.FromConfiguration(config.Backend, config.Performance);
                return await SqliteMemoryStore.OpenAsync(options, _time, cancellationToken: cancellationToken).ConfigureAwait(false);
            case MemoryBackend.Mem0:
                var mem0 = Mem0Options.FromBackendConfig(config.Backend, _environment);
                var client = new Mem0Client(_httpClientFactory.CreateClient(Mem0HttpClientName), mem0, _time);
                return new Mem0MemoryStore(client, _time);
            default:
                throw new ConfigurationException(
                    $"The memory backend '{YamlNames.Of(backend)}' is not implemented; use 'local' (SQLite) or 'mem0'.");
        }
    }
}
