using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Runtime.Queue;

public sealed class EventOutboxTests : IAsyncLifetime
{
    private readonly QueueTestBed _bed = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _bed.DeleteAsync();

    private static string Json(string id) => TriggerEventJson.Serialize(QueueTestBed.Event(id));

    private static string Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task AcceptAsync_ThenReopened_KeepsTheEntryWithItsJsonAndTimes()
    {
        await using (var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }, _time))
        {
            var accepted = await outbox.AcceptAsync("evt-1", Json("evt-1"), CancellationToken.None);
            Assert.False(accepted.IsDuplicate);
        }

        var reopened = await _bed.OpenOutboxAsync(_time);
        var entry = await reopened.GetAsync("evt-1");

        Assert.NotNull(entry);
        Assert.Equal(OutboxEntryState.Pending, entry.State);
        Assert.Equal(Json("evt-1"), entry.EventJson);
        Assert.Equal(0, entry.Attempts);
        Assert.Equal(_time.GetUtcNow(), entry.AcceptedAt);
        Assert.Equal(1, (await reopened.CountAsync()).Pending);
    }

    [Fact]
    public async Task AcceptAsync_SameIdConcurrently_StoresOneEntry()
    {
        var outbox = await _bed.OpenOutboxAsync(_time);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => outbox.AcceptAsync("same", Json("same"), CancellationToken.None)));

        Assert.Single(results, r => !r.IsDuplicate);
        Assert.All(results, r => Assert.Equal(results[0].Sequence, r.Sequence));
        Assert.Equal(new OutboxCounts(1, 0, 0), await outbox.CountAsync());
    }

    [Fact]
    public async Task CompleteAsync_RecordsDoneAttemptsAndMemoryIds()
    {
        var outbox = await _bed.OpenOutboxAsync(_time);
        var accepted = await outbox.AcceptAsync("evt-1", Json("evt-1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));

        await outbox.CompleteAsync(accepted.Sequence, 2, ["m-1", "m-2"]);
        var again = await outbox.AcceptAsync("evt-1", Json("evt-1"), CancellationToken.None);

        var entry = await outbox.GetAsync("evt-1");
        Assert.Equal(OutboxEntryState.Done, entry!.State);
        Assert.Equal(2, entry.Attempts);
        Assert.Equal(["m-1", "m-2"], entry.MemoryIds);
        Assert.Equal(_time.GetUtcNow(), entry.UpdatedAt);
        Assert.Equal(OutboxEntryState.Done, again.Existing);
    }

    [Fact]
    public async Task PruneAsync_FinishedEntriesPastTheRetention_AreRemovedAndPendingOnesNever()
    {
        var outbox = await _bed.OpenOutboxAsync(_time);
        var done = await outbox.AcceptAsync("done", Json("done"), CancellationToken.None);
        var failed = await outbox.AcceptAsync("failed", Json("failed"), CancellationToken.None);
        await outbox.AcceptAsync("pending", Json("pending"), CancellationToken.None);
        await outbox.CompleteAsync(done.Sequence, 1, []);
        await outbox.FailAsync(failed.Sequence, 3, "gave up", final: true);

        _time.Advance(TimeSpan.FromDays(7));
        var early = await outbox.PruneAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        var late = await outbox.PruneAsync();
        var reaccepted = await outbox.AcceptAsync("done", Json("done"), CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(2, late);
        Assert.False(reaccepted.IsDuplicate);
        Assert.True(reaccepted.Sequence > done.Sequence + 2);
        Assert.Equal(new OutboxCounts(2, 0, 0), await outbox.CountAsync());
    }

    [Fact]
    public async Task OpenAsync_FileHeldByAnotherOutbox_FailsNamingTheFile()
    {
        await _bed.OpenOutboxAsync(_time);

        var error = await Assert.ThrowsAsync<EventOutboxException>(() =>
            EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath, BusyTimeout = TimeSpan.Zero }, _time));

        Assert.Contains(_bed.OutboxPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SchemaNewerThanTheProgram_FailsNamingTheVersion()
    {
        await (await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }, _time)).DisposeAsync();
        Scalar(_bed.OutboxPath, "INSERT INTO outbox_schema_version (version, applied_at) VALUES (99, 0)");

        var error = await Assert.ThrowsAsync<EventOutboxException>(() => EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }, _time));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_ThenUsed_FailsAsClosed()
    {
        var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = _bed.OutboxPath }, _time);
        await outbox.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => outbox.CountAsync());
        Assert.Equal("wal", Scalar(_bed.OutboxPath, "PRAGMA journal_mode"));
        Assert.Equal("ok", Scalar(_bed.OutboxPath, "PRAGMA integrity_check"));
    }
}
