using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Policies;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;

// Usage: MemoryTriggers.EventWorker --outbox PATH --db PATH --events N [--workers W] [--queue Q] [--die-after-creates K]
// Opens the outbox and a SQLite memory store (deduplication off, wrapped in EventIdempotentMemoryStore),
// starts a BackgroundEventProcessor whose one rule stores "Event ID: note of ID" for every event,
// and offers events evt-0 .. evt-(N-1) (with N = 0, until killed). Prints "ready" once started, "accepted I", "duplicate I" or
// "rejected I REASON" per event, then drains and prints "drained DRAINED LEFT" and "done".
// With --die-after-creates K it kills itself (SIGKILL) right after the K-th memory is committed,
// before the outbox hears of it. Any failure: "error: ..." on stderr, exit code 1.
var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i]] = args[i + 1];
}

if (!arguments.TryGetValue("--outbox", out var outboxPath) || !arguments.TryGetValue("--db", out var dbPath) || !arguments.TryGetValue("--events", out var countText))
{
    await Console.Error.WriteLineAsync("usage: --outbox PATH --db PATH --events N [--workers W] [--queue Q] [--die-after-creates K]");
    return 2;
}

int Number(string name, string fallback) => int.Parse(arguments.GetValueOrDefault(name, fallback), CultureInfo.InvariantCulture);

const string Policy = """
    rules:
      remember_every_event:
        conditions:
          - type: always
        actions:
          - type: create_memory
            parameters:
              content: "Event ${event_id}: ${note}"
              tags: [event-worker]
    """;

try
{
    var count = int.Parse(countText, CultureInfo.InvariantCulture);
    var policies = PolicyLoader.LoadFromString(Policy, "event-worker.yaml");
    var options = new SqliteMemoryStoreOptions { Path = dbPath, DeduplicationWindow = TimeSpan.Zero, BusyTimeout = TimeSpan.FromSeconds(60) };
    await using var sqlite = await SqliteMemoryStore.OpenAsync(options);
    IMemoryStore store = arguments.TryGetValue("--die-after-creates", out var dieText)
        ? new DyingStore(sqlite, int.Parse(dieText, CultureInfo.InvariantCulture))
        : sqlite;
    using var service = new MemoryTriggerService(new MemoryTriggerConfig { MaxMemoryOperationsPerSecond = 0 }, policies.Policies, new EventIdempotentMemoryStore(store));
    await using var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = outboxPath, BusyTimeout = TimeSpan.FromSeconds(30) });
    await using var processor = new BackgroundEventProcessor(service, outbox, new BackgroundEventProcessorOptions
    {
        WorkerCount = Number("--workers", "3"),
        QueueSize = Number("--queue", "16"),
        RetryDelay = TimeSpan.Zero,
    });
    await processor.StartAsync();
    Console.WriteLine("ready");
    for (var i = 0; count == 0 || i < count; i++)
    {
        var id = $"evt-{i}";
        var result = await processor.EnqueueAsync(new TriggerEvent
        {
            Id = id,
            TriggerType = MemoryTriggerType.Workflow,
            Timestamp = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero).AddSeconds(i),
            UserId = "user-1",
            Payload = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["note"] = $"note of {id}" }),
        });
        Console.WriteLine(result.Status switch
        {
            EnqueueStatus.Accepted => $"accepted {i}",
            EnqueueStatus.Duplicate => $"duplicate {i}",
            _ => $"rejected {i} {result.Reason}",
        });
    }

    var stopped = await processor.StopAsync(TimeSpan.FromMinutes(5));
    Console.WriteLine($"drained {stopped.Drained} {stopped.LeftPending}");
    Console.WriteLine("done");
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"error: {e.GetType().FullName}: {e.Message}");
    return 1;
}

/// <summary>Kills the process (SIGKILL) right after the K-th memory is committed.</summary>
internal sealed class DyingStore(SqliteMemoryStore inner, int dieAfter) : IMemoryStore
{
    private int _creates;

    public async Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        var result = await inner.CreateAsync(draft, cancellationToken);
        if (Interlocked.Increment(ref _creates) >= dieAfter)
        {
            Process.GetCurrentProcess().Kill();
        }

        return result;
    }

    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) => inner.RecallAsync(query, cancellationToken);

    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, update, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) => inner.ArchiveAsync(id, cancellationToken);

    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) => inner.SetQualityAsync(id, score, cancellationToken);

    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) => inner.AddTagAsync(id, tag, cancellationToken);

    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) => inner.RemoveTagAsync(id, tag, cancellationToken);

    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) => inner.ListAsync(offset, limit, cancellationToken);

    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) => inner.HistoryAsync(id, cancellationToken);

    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
