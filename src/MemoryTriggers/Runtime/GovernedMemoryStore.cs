using System.Diagnostics;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Runtime;

/// <summary>
/// The store as the runtime's actions see it: each operation takes a token of
/// <c>max_memory_operations_per_second</c> (none left: <see cref="MemoryRateLimitedException"/> at
/// once, so the action fails visibly instead of waiting), and is counted and timed in
/// <see cref="MemoryTriggersMetrics"/>, and logged at Information when a logger is given
/// (<c>monitoring.log_memory_operations</c>). The inner store is not disposed with this one.
/// </summary>
internal sealed class GovernedMemoryStore(IMemoryStore inner, TokenBucket? bucket, MemoryTriggersMetrics metrics, int operationsPerSecond, Microsoft.Extensions.Logging.ILogger? operationLog) : IMemoryStore
{
    public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default) =>
        Run("create", () => inner.CreateAsync(draft, cancellationToken));

    public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Run("get", () => inner.GetAsync(id, cancellationToken));

    public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) =>
        Run("recall", () => inner.RecallAsync(query, cancellationToken));

    public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) =>
        Run("update", () => inner.UpdateAsync(id, update, cancellationToken));

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        Run("delete", () => inner.DeleteAsync(id, cancellationToken));

    public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        Run("archive", () => inner.ArchiveAsync(id, cancellationToken));

    public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) =>
        Run("set_quality", () => inner.SetQualityAsync(id, score, cancellationToken));

    public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) =>
        Run("add_tag", () => inner.AddTagAsync(id, tag, cancellationToken));

    public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) =>
        Run("remove_tag", () => inner.RemoveTagAsync(id, tag, cancellationToken));

    public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        Run("list", () => inner.ListAsync(offset, limit, cancellationToken));

    public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        Run("history", () => inner.HistoryAsync(id, cancellationToken));

    public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Run("stats", () => inner.GetStatsAsync(cancellationToken));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> Run<T>(string operation, Func<Task<T>> call)
    {
        if (bucket is not null && !bucket.TryTake())
        {
            Record(operation, "rate_limited", TimeSpan.Zero);
            throw new MemoryRateLimitedException($"Memory {operation} refused: max_memory_operations_per_second ({operationsPerSecond}) reached.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            Record(operation, "succeeded", Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch
        {
            Record(operation, "failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private void Record(string operation, string status, TimeSpan duration)
    {
        metrics.MemoryOperation(operation, status, duration);
        if (operationLog is not null)
        {
            RuntimeLog.MemoryOperation(operationLog, operation, status, duration.TotalMilliseconds);
        }
    }
}
