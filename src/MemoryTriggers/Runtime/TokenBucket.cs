namespace MemoryTriggers.Runtime;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: up to <c>rate</c> tokens, refilled continuously at
/// <c>rate</c> per second, so bursts of one second's worth pass and the long-run rate holds. Thread-safe.
/// </summary>
internal sealed class TokenBucket
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        _rate = ratePerSecond;
        _time = time;
        _tokens = ratePerSecond;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token if there is one.</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_rate, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _rate));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
