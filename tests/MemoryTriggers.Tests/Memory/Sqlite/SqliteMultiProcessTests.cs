using System.Globalization;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Encryption;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>The store in real separate processes (the StoreWorker program): killed mid-batch, and two writers at once.</summary>
public sealed class SqliteMultiProcessTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return _database.DeleteAsync();
    }

    private static int BatchOf(string line)
    {
        Assert.StartsWith("committed ", line, StringComparison.Ordinal);
        return int.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
    }

    private static string RawScalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task CreateManyAsync_WorkerKilledWhileWriting_LeavesOnlyWholeBatchesAndAHealthyFile()
    {
        const int batchSize = 400;
        var lastCommitted = -1;
        using (var worker = WorkerProcess.Start(WorkerProcess.StoreWorker, "--db", _database.Path, "--worker", "k", "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture)))
        {
            Assert.Equal("ready", await worker.ReadLineAsync());
            while (lastCommitted < 2)
            {
                lastCommitted = BatchOf(await worker.ReadLineAsync());
            }

            // The worker starts the next batch's transaction as soon as it has printed the last one.
            worker.Kill();

            // Lines printed before the kill but not read yet: the batches they report must be there too.
            foreach (var line in await worker.RemainingLinesAsync())
            {
                lastCommitted = BatchOf(line);
            }
        }

        var store = await _database.OpenAsync(TimeProvider.System);
        var batches = (await store.ListAsync(0, int.MaxValue)).GroupBy(r => r.Tags.Single()).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(batches, batch => Assert.Equal(batchSize, batch.Value));
        var present = batches.Keys.Select(tag => int.Parse(tag["k-".Length..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, present.Count), present);
        // Every reported batch, and at most the one being written (committed, killed before it was reported).
        Assert.InRange(present.Count, lastCommitted + 1, lastCommitted + 2);
        Assert.Equal("ok", RawScalar(_database.Path, "PRAGMA integrity_check"));
        RawScalar(_database.Path, "INSERT INTO memories_fts (memories_fts) VALUES ('integrity-check')");
        var after = await store.CreateAsync(new MemoryDraft { Content = "written after the crash" });
        Assert.Equal([after.Record.Id], (await store.RecallAsync(new MemoryQuery { Text = "crash" })).Select(r => r.Id));
        Assert.Equal(batchSize, (await store.RecallAsync(new MemoryQuery { Text = "k batch 1", Tags = ["k-1"], Limit = 1000 })).Count);
    }

    [Fact]
    public async Task CreateManyAsync_TwoProcessesOnOneEncryptedFile_StoreEveryWriteOnceWithoutBusyErrors()
    {
        const int batchSize = 10;
        const int batchCount = 30;
        var keyPath = Path.Combine(_database.Directory, "memory.key");
        using var key = MemoryEncryptionKey.Generate();
        key.WriteFile(keyPath);
        await (await _database.OpenAsync(TimeProvider.System, key: key)).DisposeAsync();
        string[] Arguments(string name) =>
            ["--db", _database.Path, "--worker", name, "--batch-size", $"{batchSize}", "--batches", $"{batchCount}", "--key", keyPath];

        using var first = WorkerProcess.Start(WorkerProcess.StoreWorker, Arguments("a"));
        using var second = WorkerProcess.Start(WorkerProcess.StoreWorker, Arguments("b"));
        var exits = await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());

        Assert.True(exits.All(code => code == 0), $"exit codes {string.Join(", ", exits)}; errors: {first.Errors} {second.Errors}");
        Assert.Equal(string.Empty, (first.Errors + second.Errors).Trim());
        var store = await _database.OpenAsync(TimeProvider.System, key: key);
        var contents = (await store.ListAsync(0, int.MaxValue)).Select(r => r.Content).ToList();
        var expected = from worker in new[] { "a", "b" }
                       from batch in Enumerable.Range(0, batchCount)
                       from item in Enumerable.Range(0, batchSize)
                       select $"{worker} batch {batch} item {item}";
        Assert.Equal(expected.Order(StringComparer.Ordinal), contents.Order(StringComparer.Ordinal));
        Assert.Equal("ok", RawScalar(_database.Path, "PRAGMA integrity_check"));
    }
}
