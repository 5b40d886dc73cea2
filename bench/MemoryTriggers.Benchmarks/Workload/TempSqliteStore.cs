using System.Diagnostics;
using MemoryTriggers.Memory.Sqlite;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>A <see cref="SqliteMemoryStore"/> on a real file in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempSqliteStore : IAsyncDisposable
{
    /// <summary>The batch size used to fill a store before measuring it (one transaction per 5,000 memories).</summary>
    public const int FillBatchSize = 5_000;

    private TempSqliteStore(string directory, SqliteMemoryStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public SqliteMemoryStore Store { get; }

    public string Path => Store.FullPath;

    /// <summary>Opens a store with <paramref name="batchSize"/> and the default deduplication window, as the factory does.</summary>
    public static async Task<TempSqliteStore> OpenAsync(int batchSize)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var store = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions
        {
            Path = System.IO.Path.Combine(directory, "memories.db"),
            BatchSize = batchSize,
        }).ConfigureAwait(false);
        return new TempSqliteStore(directory, store);
    }

    /// <summary>Opens a store and fills it with <paramref name="count"/> memories of <paramref name="workload"/>; returns the time the fill took.</summary>
    public static async Task<(TempSqliteStore Store, TimeSpan Fill)> OpenFilledAsync(MemoryWorkload workload, int count)
    {
        var temp = await OpenAsync(FillBatchSize).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < count; done += FillBatchSize)
        {
            var results = await temp.Store.CreateManyAsync(workload.Drafts(Math.Min(FillBatchSize, count - done))).ConfigureAwait(false);
            Check.That(results.All(r => r.Created), "a generated memory was deduplicated");
        }

        watch.Stop();
        var stats = await temp.Store.GetStatsAsync().ConfigureAwait(false);
        Check.That(stats.Total == count, $"the store holds {stats.Total} memories, expected {count}");
        return (temp, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere only leaves a temp directory behind.
        }
    }
}
