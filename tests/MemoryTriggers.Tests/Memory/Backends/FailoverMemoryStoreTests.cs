using System.Net;
using System.Net.Sockets;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Memory.Mem0;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Tests.Memory.Mem0;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OutageKind = MemoryTriggers.Tests.Memory.Mem0.Mem0StandInServer.OutageKind;

namespace MemoryTriggers.Tests.Memory.Backends;

/// <summary>The stand-in mem0 server on loopback as primary, a real SQLite file as failover.</summary>
public sealed class FailoverMemoryStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new();

    // Later than the stand-in's real created_at stamps, so mem0's own deduplication never matches:
    // the tests see what the journal alone guarantees.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("memory-triggers-failover-").FullName;
    private Mem0StandInServer _server = null!;

    private string JournalFile => Path.Combine(_directory, "journal.db");

    public async Task InitializeAsync() => _server = await Mem0StandInServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    private async Task<FailoverMemoryStore> OpenAsync(Uri? primaryAddress = null)
    {
        var client = new Mem0Client(
            _http,
            new Mem0Options { BaseAddress = primaryAddress ?? _server.Address, ApiKey = Mem0StandInServer.Key, DefaultUserId = "alice", MaxRetries = 0, CircuitBreakerThreshold = 0 },
            _time);
        var failover = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = Path.Combine(_directory, "failover.db") }, _time);
        return await FailoverMemoryStore.OpenAsync(new Mem0MemoryStore(client, _time), [failover], JournalFile, RetryInterval, _time);
    }

    private static MemoryDraft Draft(string content) => new() { Content = content, Tags = ValueList<string>.From(["t"]), UserId = "alice" };

    private static async Task<List<string>> CreateAllAsync(FailoverMemoryStore store, int count, string prefix = "memory")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await store.CreateAsync(Draft($"{prefix} {i}"))).Record.Id);
        }

        return ids;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReplayAsync_AfterOutageWithCreatesUpdatesAndDeletes_AppliesEachOnceInOrder(bool abortConnections)
    {
        await using var store = await OpenAsync();
        _server.Outage = abortConnections ? OutageKind.Abort : OutageKind.ServiceUnavailable;

        var ids = await CreateAllAsync(store, 6);
        await store.UpdateAsync(ids[1], new MemoryUpdate { Content = "memory 1 revised" });
        Assert.True(await store.DeleteAsync(ids[2]));
        Assert.True(await store.AddTagAsync(ids[3], "extra"));
        Assert.True(await store.ArchiveAsync(ids[4]));

        Assert.Equal(0, _server.MemoryCount);
        Assert.Equal(5, (await store.FailoverStores[0].ListAsync()).Count);
        Assert.Equal(10, store.PendingEntries);
        Assert.Equal(10, store.FailedOverWrites);
        Assert.False(store.IsPrimaryAvailable);

        _server.Outage = OutageKind.None;
        var report = await store.ReplayAsync();

        Assert.True(report.Completed);
        Assert.Equal(10, report.Replayed);
        Assert.Equal(0, report.Remaining);
        Assert.Equal(0, store.PendingEntries);
        Assert.True(store.IsPrimaryAvailable);
        Assert.Equal(["memory 0", "memory 1", "memory 2", "memory 3", "memory 4", "memory 5"], _server.StoredContents);
        var stored = _server.All().Select(m => m["memory"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["memory 0", "memory 1 revised", "memory 3", "memory 4", "memory 5"], stored);
        var tagged = await store.GetAsync(ids[3]);
        Assert.Equal(["t", "extra"], tagged!.Tags);
        Assert.True((await store.GetAsync(ids[4]))!.Archived);
        Assert.Null(await store.GetAsync(ids[2]));
        Assert.Empty(await store.FailoverStores[0].ListAsync());
    }

    [Fact]
    public async Task GetAndRecall_DuringOutage_AreServedByTheFailover()
    {
        await using var store = await OpenAsync();
        _server.Outage = OutageKind.ServiceUnavailable;
        var ids = await CreateAllAsync(store, 3, "outage note");

        var read = await store.GetAsync(ids[0]);
        var recalled = await store.RecallAsync(new MemoryQuery { Text = "outage", UserId = "alice", Limit = 10 });
        var stats = await store.GetStatsAsync();

        Assert.Equal("outage note 0", read!.Content);
        Assert.Equal(3, recalled.Count);
        Assert.Equal(3, stats.Total);
        Assert.Equal(0, _server.MemoryCount);
    }

    [Fact]
    public async Task ReplayAsync_InterruptedHalfWayThenResumedAfterRestart_NoDuplicateNoLoss()
    {
        var store = await OpenAsync();
        _server.Outage = OutageKind.ServiceUnavailable;
        var ids = await CreateAllAsync(store, 6);
        await store.UpdateAsync(ids[5], new MemoryUpdate { Content = "memory 5 revised" });

        // Each replayed create is a list and an add; the primary fails again after three creates.
        _server.Outage = OutageKind.None;
        _server.FailAfter(6, OutageKind.ServiceUnavailable);
        var first = await store.ReplayAsync();
        await store.DisposeAsync();

        Assert.False(first.Completed);
        Assert.Equal(3, first.Replayed);
        Assert.Equal(4, first.Remaining);

        _server.Outage = OutageKind.None;
        await using var reopened = await OpenAsync();
        Assert.Equal(4, reopened.PendingEntries);
        var second = await reopened.ReplayAsync();

        Assert.True(second.Completed);
        Assert.Equal(4, second.Replayed);
        Assert.Equal(["memory 0", "memory 1", "memory 2", "memory 3", "memory 4", "memory 5"], _server.StoredContents);
        Assert.Equal(6, _server.MemoryCount);
        Assert.Equal("memory 5 revised", (await reopened.GetAsync(ids[5]))!.Content);
        Assert.Equal("memory 0", (await reopened.GetAsync(ids[0]))!.Content);
    }

    [Fact]
    public async Task ReplayAsync_PrimaryStoredCreateButResponseWasLost_DoesNotCreateItAgain()
    {
        await using var store = await OpenAsync();
        _server.Outage = OutageKind.ServiceUnavailable;
        await CreateAllAsync(store, 3);
        _server.Outage = OutageKind.None;
        _server.LoseNextAddResponse();

        var interrupted = await store.ReplayAsync();
        var resumed = await store.ReplayAsync();

        Assert.False(interrupted.Completed);
        Assert.Equal(0, interrupted.Replayed);
        Assert.True(resumed.Completed);
        Assert.Equal(3, resumed.Replayed);
        Assert.Equal(["memory 0", "memory 1", "memory 2"], _server.StoredContents);
        Assert.Equal(3, _server.MemoryCount);
    }

    [Fact]
    public async Task CreateAsync_AfterRetryInterval_ReplaysJournalBeforeTheNewWrite()
    {
        await using var store = await OpenAsync();
        _server.Outage = OutageKind.ServiceUnavailable;
        await store.CreateAsync(Draft("first"));
        _server.Outage = OutageKind.None;

        await store.CreateAsync(Draft("second"));
        Assert.Equal(2, store.PendingEntries);
        Assert.Equal(0, _server.MemoryCount);

        _time.Advance(RetryInterval + TimeSpan.FromSeconds(1));
        var third = await store.CreateAsync(Draft("third"));

        Assert.Equal(["first", "second", "third"], _server.StoredContents);
        Assert.Equal(0, store.PendingEntries);
        Assert.Equal(2, store.ReplayedEntries);
        Assert.NotNull(_server.Stored(third.Record.Id));
    }

    [Fact]
    public async Task CreateAsync_ClientError_PropagatesWithoutFailover()
    {
        await using var store = await OpenAsync();
        _server.Enqueue(new Mem0StandInServer.Fault(422, """{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required","input":{}}]}"""));

        var error = await Assert.ThrowsAsync<Mem0ApiException>(() => store.CreateAsync(Draft("rejected")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(0, store.PendingEntries);
        Assert.Equal(0, store.FailedOverWrites);
        Assert.True(store.IsPrimaryAvailable);
        Assert.Empty(await store.FailoverStores[0].ListAsync());
    }

    [Fact]
    public async Task UpdateAsync_MemoryOnlyOnPrimaryDuringOutage_ThrowsUnavailableAndJournalsNothing()
    {
        await using var store = await OpenAsync();
        var onPrimary = await store.CreateAsync(Draft("lives on mem0"));
        _server.Outage = OutageKind.ServiceUnavailable;

        await Assert.ThrowsAsync<MemoryStoreUnavailableException>(() => store.UpdateAsync(onPrimary.Record.Id, new MemoryUpdate { Content = "changed" }));

        Assert.Equal(0, store.PendingEntries);
    }

    [Fact]
    public async Task CreateAsync_PrimaryRefusesConnections_FailsOverAndJournalSurvivesReopen()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var store = await OpenAsync(new Uri($"http://127.0.0.1:{port}/"));
        var created = await store.CreateAsync(Draft("nobody listens"));
        await store.DisposeAsync();

        await using (var connection = new SqliteConnection($"Data Source={JournalFile};Pooling=False"))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT kind, target_id FROM journal_entries";
            using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("Create", reader.GetString(0));
            Assert.Equal(created.Record.Id, reader.GetString(1));
            Assert.False(await reader.ReadAsync());
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(1, reopened.PendingEntries);
        var read = await reopened.GetAsync(created.Record.Id);

        Assert.Equal("nobody listens", read!.Content);
        Assert.Equal(0, reopened.PendingEntries);
        Assert.Equal(["nobody listens"], _server.StoredContents);
    }
}
