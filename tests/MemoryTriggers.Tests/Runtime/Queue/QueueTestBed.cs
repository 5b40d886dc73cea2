using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Policies;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>
/// A temporary directory with an outbox file and a SQLite memory store, and a service whose one
/// rule remembers every event as "Event ID: NOTE". <see cref="DeleteAsync"/> closes and deletes everything.
/// </summary>
internal sealed class QueueTestBed
{
    /// <summary>How long a test waits for something that must happen: generous, for a slow shared machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public const string RememberEveryEvent = """
        rules:
          remember_every_event:
            conditions:
              - type: always
            actions:
              - type: create_memory
                parameters:
                  content: "Event ${event_id}: ${note:-none}"
                  tags: [queue-test]
        """;

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _open = [];

    public QueueTestBed() =>
        Directory = System.IO.Directory.CreateTempSubdirectory("memory-triggers-queue-").FullName;

    public string Directory { get; }

    public string OutboxPath => Path.Combine(Directory, "outbox.db");

    public string MemoryPath => Path.Combine(Directory, "memories.db");

    /// <summary>No rate limit: the tests count memories, not the token bucket's refusals.</summary>
    public static MemoryTriggerConfig Config { get; } = new() { MaxMemoryOperationsPerSecond = 0 };

    public static TriggerEvent Event(string id, MemoryTriggerType type = MemoryTriggerType.Workflow, string? message = null) => new()
    {
        Id = id,
        TriggerType = type,
        Timestamp = Start,
        UserId = "user-1",
        Payload = JsonSerializer.SerializeToElement(message is null
            ? new Dictionary<string, object?> { ["note"] = $"note of {id}" }
            : new Dictionary<string, object?> { ["note"] = $"note of {id}", ["message"] = message }),
    };

    public static TriggerResult Result(TriggerEvent e) =>
        new() { EventId = e.Id, TriggerType = e.TriggerType, Outcome = TriggerOutcome.Processed, Reason = "Processed by the test." };

    public static PerformanceConfig Performance(int queueSize, int workers) =>
        new() { BackgroundQueueSize = queueSize, WorkerThreadCount = workers };

    public async Task<EventOutbox> OpenOutboxAsync(TimeProvider? time = null, string? path = null)
    {
        var outbox = await EventOutbox.OpenAsync(new EventOutboxOptions { Path = path ?? OutboxPath }, time);
        Track(outbox);
        return outbox;
    }

    /// <summary>The memory store, with deduplication switched off: only the outbox and the idempotent store may stop a second memory.</summary>
    public async Task<SqliteMemoryStore> OpenStoreAsync()
    {
        var store = await SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = MemoryPath, DeduplicationWindow = TimeSpan.Zero });
        Track(store);
        return store;
    }

    public static MemoryTriggerService Service(IMemoryStore store)
    {
        var policies = PolicyLoader.LoadFromString(RememberEveryEvent, "queue-test.yaml");
        Assert.DoesNotContain(policies.Issues, i => i.IsError);
        return new MemoryTriggerService(Config, policies.Policies, store);
    }

    public void Track(IAsyncDisposable disposable)
    {
        lock (_open)
        {
            _open.Add(disposable);
        }
    }

    public async Task DeleteAsync()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            await _open[i].DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
