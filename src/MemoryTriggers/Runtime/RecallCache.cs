using MemoryTriggers.Memory;

namespace MemoryTriggers.Runtime;

/// <summary>
/// Recent recall results (<c>cache_enabled</c>, <c>cache_ttl_seconds</c>, <c>cache_max_size</c>):
/// an entry lives its TTL, the least recently used goes first when full. A write to the store does
/// not invalidate it: results can be up to the TTL old, the documented trade-off. Thread-safe.
/// </summary>
internal sealed class RecallCache(int capacity, TimeSpan ttl, TimeProvider time)
{
    private readonly object _lock = new();
    private readonly Dictionary<MemoryQuery, LinkedListNode<(MemoryQuery Query, IReadOnlyList<MemoryRecord> Records, long Expires)>> _entries = [];
    private readonly LinkedList<(MemoryQuery Query, IReadOnlyList<MemoryRecord> Records, long Expires)> _order = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<IReadOnlyList<MemoryRecord>> GetOrRecallAsync(MemoryQuery query, Func<MemoryQuery, Task<IReadOnlyList<MemoryRecord>>> recall)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (_entries.TryGetValue(query, out var node))
            {
                if (node.Value.Expires > now)
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    return node.Value.Records;
                }

                _order.Remove(node);
                _entries.Remove(query);
            }
        }

        var records = await recall(query).ConfigureAwait(false);
        lock (_lock)
        {
            if (_entries.Remove(query, out var stale))
            {
                _order.Remove(stale);
            }

            while (_entries.Count >= capacity && _order.Last is { } oldest)
            {
                _entries.Remove(oldest.Value.Query);
                _order.RemoveLast();
            }

            _entries[query] = _order.AddFirst((query, records, now + ttl.Ticks));
        }

        return records;
    }
}
