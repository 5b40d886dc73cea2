using System.Collections.Concurrent;

namespace MemoryTriggers.Policies.State;

/// <summary>
/// A thread-safe, bounded <see cref="IPolicyStateStore"/>. A rate window keeps at most its limit of
/// timestamps. When the store holds more than <see cref="Capacity"/> keys, expired state is dropped
/// first, then the least recently used; an evicted key starts afresh (its execution count too).
/// </summary>
public sealed class InMemoryPolicyStateStore : IPolicyStateStore
{
    private readonly ConcurrentDictionary<PolicyStateKey, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, object> _ruleLocks = new(StringComparer.Ordinal);
    private readonly object _evictionLock = new();

    // ConcurrentDictionary.Count takes every bucket lock; the capacity check on each firing reads this instead.
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="InMemoryPolicyStateStore"/> class.</summary>
    /// <param name="capacity">The most keys kept; at least 16.</param>
    public InMemoryPolicyStateStore(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        Capacity = capacity;
    }

    /// <summary>Gets the most keys kept.</summary>
    public int Capacity { get; }

    /// <summary>Gets the number of keys held now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public int CountRecent(PolicyStateKey key, TimeSpan window, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return 0;
        }

        lock (entry)
        {
            return entry.CountSince(now.UtcTicks - window.Ticks);
        }
    }

    /// <inheritdoc />
    public FiringDecision TryFire(FiringRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = request.Now.UtcTicks;
        lock (_ruleLocks.GetOrAdd(request.Rule, static _ => new object()))
        {
            var firingKey = new PolicyStateKey(request.Rule, PolicyStateKey.Firings, request.CooldownKey);
            _entries.TryGetValue(firingKey, out var firings);
            if (request.MaxExecutions is { } max && (firings?.Executions ?? 0) >= max)
            {
                return FiringDecision.MaxExecutions;
            }

            if (firings is not null)
            {
                if (request.Cooldown is { } cooldown && firings.Executions > 0 && now - firings.LastFired < cooldown.Ticks)
                {
                    return FiringDecision.Cooldown;
                }
            }

            foreach (var charge in request.RateCharges)
            {
                if (_entries.TryGetValue(new PolicyStateKey(request.Rule, charge.Slot, charge.Key), out var window)
                    && window.CountSince(now - charge.Window.Ticks) >= charge.Limit)
                {
                    return FiringDecision.RateLimited;
                }
            }

            if (!request.Commit)
            {
                return FiringDecision.Allowed;
            }

            if (request.Cooldown is not null || request.MaxExecutions is not null)
            {
                firings ??= GetOrAdd(firingKey, 0);
                lock (firings)
                {
                    firings.Executions++;
                    firings.LastFired = now;
                    firings.LastTouched = now;
                    firings.ExpiresAt = request.Cooldown is { } c ? now + c.Ticks : long.MaxValue;
                    if (request.MaxExecutions is not null)
                    {
                        firings.ExpiresAt = long.MaxValue;
                    }
                }
            }

            foreach (var charge in request.RateCharges)
            {
                var window = GetOrAdd(new PolicyStateKey(request.Rule, charge.Slot, charge.Key), charge.Limit);
                lock (window)
                {
                    window.Record(now, charge.Limit);
                    window.ExpiresAt = now + charge.Window.Ticks;
                }
            }
        }

        if (Count > Capacity)
        {
            Evict(now);
        }

        return FiringDecision.Allowed;
    }

    private void Evict(long now)
    {
        lock (_evictionLock)
        {
            if (Count <= Capacity)
            {
                return;
            }

            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    Remove(key);
                }
            }

            var excess = Count - (Capacity * 9 / 10);
            if (excess <= 0)
            {
                return;
            }

            foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastTouched).Take(excess).ToArray())
            {
                Remove(key);
            }
        }
    }

    private Entry GetOrAdd(PolicyStateKey key, int limit)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                return entry;
            }

            var created = new Entry(limit);
            if (_entries.TryAdd(key, created))
            {
                Interlocked.Increment(ref _count);
                return created;
            }
        }
    }

    private void Remove(PolicyStateKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>The state of one key: a ring of the last firings' times, and firing counters.</summary>
    private sealed class Entry(int capacity)
    {
        private long[] _times = new long[Math.Max(capacity, 0)];
        private int _next;
        private int _count;

        public int Executions { get; set; }

        public long LastFired { get; set; }

        public long LastTouched { get; set; }

        public long ExpiresAt { get; set; } = long.MaxValue;

        public int CountSince(long since)
        {
            var count = 0;
            for (var i = 0; i < _count; i++)
            {
                if (_times[i] > since)
                {
                    count++;
                }
            }

            return count;
        }

        public void Record(long time, int limit)
        {
            if (_times.Length != limit)
            {
                // The limit changed (the rule set was replaced): keep the newest firings, oldest first.
                var newest = _times.Take(_count).OrderDescending().Take(limit).Order().ToArray();
                _times = new long[limit];
                newest.CopyTo(_times, 0);
                _count = newest.Length;
                _next = limit == 0 ? 0 : _count % limit;
            }

            if (limit == 0)
            {
                return;
            }

            _times[_next] = time;
            _next = (_next + 1) % limit;
            _count = Math.Min(_count + 1, limit);
            LastTouched = time;
        }
    }
}
