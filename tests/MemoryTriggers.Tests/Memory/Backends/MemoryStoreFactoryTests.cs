using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Memory.Encryption;
using MemoryTriggers.Memory.Mem0;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Tests.Memory.Mem0;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Backends;

public sealed class MemoryStoreFactoryTests : IAsyncLifetime
{
    private const string KeyVariable = "TEST_MEM0_KEY";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("memory-triggers-factory-").FullName;
    private Mem0StandInServer _server = null!;

    public async Task InitializeAsync() => _server = await Mem0StandInServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private MemoryStoreFactory Factory() =>
        MemoryStoreFactory.CreateDefault(_time, environment: name => name == KeyVariable ? Mem0StandInServer.Key : null);

    private MemoryTriggerConfig Config(MemoryBackend primary, bool failover = false, string[]? failoverBackends = null, params (string Key, object? Value)[] extra)
    {
        var settings = new Dictionary<string, object?>
        {
            ["local_storage_path"] = Path.Combine(_directory, "local", "memories.db"),
            ["api_key_env"] = KeyVariable,
            ["host"] = _server.Address.ToString(),
            ["user_id"] = "alice",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new MemoryTriggerConfig
        {
            Backend = new BackendConfig
            {
                BackendType = primary,
                MaxRetries = 0,
                BackendSettings = settings,
                FailoverEnabled = failover,
                FailoverBackends = ValueList<string>.From(failoverBackends ?? []),
            },
            Performance = new PerformanceConfig { MaxConcurrentOperations = 4, CreateTimeout = 30, RecallTimeout = 20 },
        };
    }

    [Fact]
    public async Task OpenAsync_Local_OpensSqliteAtLocalStoragePathInsideTheBounds()
    {
        await using var store = await Factory().OpenAsync(Config(MemoryBackend.Local));

        var bounded = Assert.IsType<BoundedMemoryStore>(store);
        var sqlite = Assert.IsType<SqliteMemoryStore>(bounded.Inner);
        await store.CreateAsync(new MemoryDraft { Content = "local memory" });

        Assert.Equal(Path.Combine(_directory, "local", "memories.db"), sqlite.FullPath);
        Assert.True(File.Exists(sqlite.FullPath));
        Assert.Equal(4, bounded.MaxConcurrentOperations);
        Assert.Equal(TimeSpan.FromSeconds(30), bounded.WriteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), bounded.ReadTimeout);
    }

    [Fact]
    public async Task OpenAsync_EncryptionEnabledWithKeyFile_OpensAnEncryptedStore()
    {
        var keyPath = Path.Combine(_directory, "memory.key");
        using (var key = MemoryEncryptionKey.Generate())
        {
            key.WriteFile(keyPath);
        }

        var config = Config(MemoryBackend.Local);
        config = config with { Backend = config.Backend with { EncryptionEnabled = true, EncryptionKeyPath = keyPath } };

        await using (var store = await Factory().OpenAsync(config))
        {
            await store.CreateAsync(new MemoryDraft { Content = "secret incident details" });
            Assert.True(Assert.IsType<SqliteMemoryStore>(Assert.IsType<BoundedMemoryStore>(store).Inner).IsEncrypted);
        }

        await using var reopened = await Factory().OpenAsync(config);
        Assert.Equal("secret incident details", Assert.Single(await reopened.RecallAsync(new MemoryQuery { Text = "incident" })).Content);
    }

    [Fact]
    public async Task OpenAsync_EncryptionEnabledWithoutKeyPath_ThrowsConfigurationExceptionSayingHowToMakeOne()
    {
        var config = Config(MemoryBackend.Local);
        config = config with { Backend = config.Backend with { EncryptionEnabled = true } };

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Factory().OpenAsync(config));

        Assert.Contains("memory-config memories keygen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EncryptionKeyFileMissing_ThrowsTheTypedErrorNamingTheFile()
    {
        var config = Config(MemoryBackend.Local);
        var keyPath = Path.Combine(_directory, "absent.key");
        config = config with { Backend = config.Backend with { EncryptionEnabled = true, EncryptionKeyPath = keyPath } };

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => Factory().OpenAsync(config));

        Assert.Equal(MemoryEncryptionError.KeyFileMissing, error.Error);
        Assert.Contains(keyPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_Mem0WithKeyInInjectedEnvironment_WritesToTheServer()
    {
        await using var store = await Factory().OpenAsync(Config(MemoryBackend.Mem0));

        var created = await store.CreateAsync(new MemoryDraft { Content = "remote memory" });

        Assert.IsType<Mem0MemoryStore>(((BoundedMemoryStore)store).Inner);
        Assert.NotNull(_server.Stored(created.Record.Id));
        Assert.Contains(_server.Requests, r => r.ApiKey == Mem0StandInServer.Key);
    }

    [Fact]
    public async Task OpenAsync_FailoverEnabled_ComposesPrimaryFailoverAndJournalNextToTheLocalStore()
    {
        await using var store = await Factory().OpenAsync(Config(MemoryBackend.Mem0, failover: true, failoverBackends: ["local"]));

        var failover = Assert.IsType<FailoverMemoryStore>(((BoundedMemoryStore)store).Inner);

        Assert.IsType<Mem0MemoryStore>(failover.Primary);
        Assert.IsType<SqliteMemoryStore>(Assert.Single(failover.FailoverStores));
        Assert.Equal(Path.Combine(_directory, "local", MemoryStoreFactory.DefaultJournalFileName), failover.JournalPath);
        Assert.Equal(FailoverMemoryStore.DefaultRetryInterval, failover.RetryInterval);
    }

    [Fact]
    public async Task OpenAsync_FailoverWithEncryption_SealsTheJournalAndTheLocalStoreAndStillReplays()
    {
        var keyPath = Path.Combine(_directory, "memory.key");
        using (var key = MemoryEncryptionKey.Generate())
        {
            key.WriteFile(keyPath);
        }

        var config = Config(MemoryBackend.Mem0, failover: true, failoverBackends: ["local"], ("failover_retry_interval", 0));
        config = config with { Backend = config.Backend with { EncryptionEnabled = true, EncryptionKeyPath = keyPath } };
        _server.Outage = Mem0StandInServer.OutageKind.ServiceUnavailable;
        await using (var store = await Factory().OpenAsync(config))
        {
            await store.CreateAsync(new MemoryDraft { Content = "confidential outage memory", UserId = "alice" });
        }

        SqliteConnection.ClearAllPools();
        var journal = Path.Combine(_directory, "local", MemoryStoreFactory.DefaultJournalFileName);
        var onDisk = string.Concat(Directory.GetFiles(Path.Combine(_directory, "local")).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.True(File.Exists(journal));
        Assert.DoesNotContain("confidential", onDisk, StringComparison.Ordinal);

        _server.Outage = Mem0StandInServer.OutageKind.None;
        await using (var store = await Factory().OpenAsync(config))
        {
            var replay = await ((FailoverMemoryStore)((BoundedMemoryStore)store).Inner).ReplayAsync(CancellationToken.None);
            Assert.Equal(1, replay.Replayed);
        }

        Assert.Equal(["confidential outage memory"], _server.StoredContents);
    }

    [Fact]
    public async Task OpenAsync_FailoverJournalPathAndRetryIntervalSet_UsesThem()
    {
        var journal = Path.Combine(_directory, "journals", "j.db");
        var config = Config(MemoryBackend.Mem0, failover: true, failoverBackends: ["mem0", "local"], ("failover_journal_path", journal), ("failover_retry_interval", 5));

        await using var store = await Factory().OpenAsync(config);

        var failover = (FailoverMemoryStore)((BoundedMemoryStore)store).Inner;
        Assert.Equal(journal, failover.JournalPath);
        Assert.Equal(TimeSpan.FromSeconds(5), failover.RetryInterval);
        Assert.Single(failover.FailoverStores);
        Assert.True(File.Exists(journal));
    }

    [Theory]
    [InlineData("redis", "redis")]
    [InlineData("nosuch", "nosuch")]
    public async Task OpenAsync_FailoverBackendNotImplemented_ThrowsConfigurationExceptionNamingIt(string name, string expected)
    {
        var config = Config(MemoryBackend.Mem0, failover: true, failoverBackends: [name]);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Factory().OpenAsync(config));

        Assert.Contains($"'{expected}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("failover_backends[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PrimaryNotImplemented_ThrowsConfigurationException()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Factory().OpenAsync(Config(MemoryBackend.Postgresql)));

        Assert.Contains("'postgresql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_Mem0KeyVariableUnset_ThrowsConfigurationExceptionNamingIt()
    {
        var factory = MemoryStoreFactory.CreateDefault(_time, environment: _ => null);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => factory.OpenAsync(Config(MemoryBackend.Mem0)));

        Assert.Contains(KeyVariable, error.Message, StringComparison.Ordinal);
    }
}
