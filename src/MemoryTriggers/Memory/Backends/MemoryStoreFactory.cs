using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Encryption;
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
/// <see cref="OpenAsync"/> adds failover (<see cref="FailoverMemoryStore"/>, with
/// <c>backend.failover_enabled</c>) and the bounds of <see cref="BoundedMemoryStore"/>.
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

    /// <summary>The journal file name used when <c>backend_settings.failover_journal_path</c> is not set.</summary>
    public const string DefaultJournalFileName = "memory-triggers.failover.db";

    /// <summary>
    /// Opens the configured store: the primary backend; with <c>backend.failover_enabled</c>, wrapped
    /// in a <see cref="FailoverMemoryStore"/> with each backend of <c>backend.failover_backends</c>
    /// (the primary itself is left out) and the journal at <see cref="JournalPath"/>; the whole wrapped
    /// in a <see cref="BoundedMemoryStore"/> with the limits of <c>performance</c>.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; the caller disposes it (which disposes every backend it opened).</returns>
    /// <exception cref="ConfigurationException">A backend is not implemented or its settings are wrong.</exception>
    /// <exception cref="MemoryStoreUnavailableException">The store's file or directory cannot be created or opened.</exception>
    public async Task<IMemoryStore> OpenAsync(MemoryTriggerConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        IMemoryStore store;
        try
        {
            store = config.Backend.FailoverEnabled
                ? await OpenFailoverAsync(config, cancellationToken).ConfigureAwait(false)
                : await OpenBackendAsync(config.Backend.BackendType, config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // A path that cannot be created or a file that cannot be opened: the store is unavailable, not a crash.
            throw new MemoryStoreUnavailableException($"The {YamlNames.Of(config.Backend.BackendType)} store cannot be opened: {exception.Message}", exception);
        }

        return BoundedMemoryStore.FromConfiguration(store, config.Performance, _time);
    }

    /// <summary>
    /// The failover journal's path: <c>backend_settings.failover_journal_path</c>, or else
    /// <see cref="DefaultJournalFileName"/> in the directory of the local store
    /// (<c>backend_settings.local_storage_path</c>, by default the working directory).
    /// </summary>
    /// <param name="backend">The backend section.</param>
    /// <returns>The path, as configured (relative paths are relative to the working directory).</returns>
    public static string JournalPath(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (Setting(backend, "failover_journal_path") is { } configured)
        {
            return configured;
        }

        var local = Setting(backend, "local_storage_path") ?? SqliteMemoryStoreOptions.DefaultPath;
        return Path.Combine(Path.GetDirectoryName(local) is { Length: > 0 } directory ? directory : ".", DefaultJournalFileName);
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
                using (var key = LoadKey(config.Backend))
                {
                    return await SqliteMemoryStore.OpenAsync(options with { EncryptionKey = key }, _time, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

            case MemoryBackend.Mem0:
                var mem0 = Mem0Options.FromBackendConfig(config.Backend, _environment);
                var client = new Mem0Client(_httpClientFactory.CreateClient(Mem0HttpClientName), mem0, _time);
                return new Mem0MemoryStore(client, _time);
            default:
                throw new ConfigurationException(
                    $"The memory backend '{YamlNames.Of(backend)}' is not implemented; use 'local' (SQLite) or 'mem0'.");
        }
    }

    private static string? Setting(BackendConfig backend, string key) =>
        backend.BackendSettings.TryGetValue(key, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>The key of <c>encryption_key_path</c> when <c>encryption_enabled</c>, else null; the caller disposes it.</summary>
    private static MemoryEncryptionKey? LoadKey(BackendConfig backend)
    {
        if (!backend.EncryptionEnabled)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(backend.EncryptionKeyPath)
            ? throw new ConfigurationException("backend.encryption_enabled is true but backend.encryption_key_path is not set; create a key with: memory-config memories keygen --output PATH")
            : MemoryEncryptionKey.Load(backend.EncryptionKeyPath);
    }

    private static List<MemoryBackend> FailoverBackends(BackendConfig backend)
    {
        var backends = new List<MemoryBackend>();
        for (var i = 0; i < backend.FailoverBackends.Count; i++)
        {
            var name = backend.FailoverBackends[i]?.Trim() ?? "";
            var parsed = Enum.GetValues<MemoryBackend>().Where(b => string.Equals(YamlNames.Of(b), name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (parsed.Count == 0)
            {
                throw new ConfigurationException($"backend.failover_backends[{i}]: '{name}' is not a backend; use 'local' (SQLite) or 'mem0'.");
            }

            if (parsed[0] is not (MemoryBackend.Local or MemoryBackend.Mem0))
            {
                throw new ConfigurationException($"backend.failover_backends[{i}]: the memory backend '{name}' is not implemented and cannot take failover writes; use 'local' (SQLite) or 'mem0'.");
            }

            if (parsed[0] != backend.BackendType && !backends.Contains(parsed[0]))
            {
                backends.Add(parsed[0]);
            }
        }

        if (backends.Count == 0)
        {
            throw new ConfigurationException(
                "backend.failover_enabled is true but backend.failover_backends names no backend other than the primary; list one, e.g. failover_backends: [local].");
        }

        return backends;
    }

    private static TimeSpan RetryInterval(BackendConfig backend)
    {
        if (Setting(backend, "failover_retry_interval") is not { } text)
        {
            return FailoverMemoryStore.DefaultRetryInterval;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 86400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ConfigurationException($"backend.backend_settings.failover_retry_interval must be a number of seconds from 0 to 86400, not '{text}'.");
    }

    private async Task<IMemoryStore> OpenFailoverAsync(MemoryTriggerConfig config, CancellationToken cancellationToken)
    {
        var backends = FailoverBackends(config.Backend);
        var retryInterval = RetryInterval(config.Backend);
        var opened = new List<IMemoryStore>();
        try
        {
            opened.Add(await OpenBackendAsync(config.Backend.BackendType, config, cancellationToken).ConfigureAwait(false));
            foreach (var backend in backends)
            {
                opened.Add(await OpenBackendAsync(backend, config, cancellationToken).ConfigureAwait(false));
            }

            using var journalKey = LoadKey(config.Backend);
            return await FailoverMemoryStore.OpenAsync(
                opened[0],
                opened[1..],
                JournalPath(config.Backend),
                retryInterval,
                _time,
                _loggerFactory.CreateLogger<FailoverMemoryStore>(),
                journalKey,
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var store in opened)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
