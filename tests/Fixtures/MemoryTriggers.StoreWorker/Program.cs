using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Encryption;
using MemoryTriggers.Memory.Sqlite;

// Usage: MemoryTriggers.StoreWorker --db PATH --worker NAME --batch-size N [--batches COUNT] [--key KEYFILE]
// Writes batches of memories with CreateManyAsync, one transaction per batch, and prints
// "ready" once the store is open, "committed B" after batch B is committed and "done" at the end.
// Batch B of worker W holds drafts "W batch B item I" tagged "W-B", with metadata worker/batch/item.
// Without --batches (or with 0) it writes until killed. Any failure: "error: ..." on stderr, exit code 1.
var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i]] = args[i + 1];
}

if (!arguments.TryGetValue("--db", out var path) || !arguments.TryGetValue("--worker", out var worker))
{
    await Console.Error.WriteLineAsync("usage: --db PATH --worker NAME --batch-size N [--batches COUNT] [--key KEYFILE]");
    return 2;
}

var batchSize = int.Parse(arguments.GetValueOrDefault("--batch-size", "50"), CultureInfo.InvariantCulture);
var batches = int.Parse(arguments.GetValueOrDefault("--batches", "0"), CultureInfo.InvariantCulture);
try
{
    using var key = arguments.TryGetValue("--key", out var keyPath) ? MemoryEncryptionKey.Load(keyPath) : null;
    var options = new SqliteMemoryStoreOptions { Path = path, BatchSize = batchSize, EncryptionKey = key, BusyTimeout = TimeSpan.FromSeconds(60) };
    await using var store = await SqliteMemoryStore.OpenAsync(options);
    Console.WriteLine("ready");
    for (var batch = 0; batches == 0 || batch < batches; batch++)
    {
        var drafts = Enumerable.Range(0, batchSize).Select(item => new MemoryDraft
        {
            Content = $"{worker} batch {batch} item {item}",
            Tags = ValueList<string>.From([$"{worker}-{batch}"]),
            Metadata = ValueMap<object?>.From([new("worker", worker), new("batch", (long)batch), new("item", (long)item)]),
        });
        await store.CreateManyAsync(drafts);
        Console.WriteLine($"committed {batch}");
    }

    Console.WriteLine("done");
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"error: {e.GetType().FullName}: {e.Message}");
    return 1;
}
