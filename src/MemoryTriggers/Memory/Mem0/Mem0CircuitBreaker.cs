namespace MemoryTriggers.Memory.Mem0;

/// <summary>
/// A consecutive-failure circuit breaker: closed until <c>threshold</c> failures in a row, then
/// open (calls fail fast) for the cool-down, then half-open (one trial call; success closes,
/// failure reopens). Thread-safe.
/// </summary>
internal sealed class Mem0CircuitBreaker(int threshold, TimeSpan cooldown, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _trialInFlight;

    /// <summary>Gets whether the breaker is open now (failing calls fast).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is { } until && time.GetUtcNow() < until;
            }
        }
    }

    /// <summary>Asks to make an attempt; false while open, or while half-open with a trial already running.</summary>
    public bool TryEnter()
    {
        if (threshold <= 0)
        {
            return true;
        }

        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return true;
            }

            if (time.GetUtcNow() < until || _trialInFlight)
            {
                return false;
            }

            _trialInFlight = true;
            return true;
        }
    }

    public void OnSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
            _trialInFlight = false;
        }
    }

    public void OnFailure()
    {
        if (threshold <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _failures++;
            if (_trialInFlight || _failures >= threshold)
            {
                _openUntil = time.GetUtcNow() + cooldown;
            }

            _trialInFlight = false;
        }
    }

    /// <summary>Ends an attempt that neither succeeded nor failed in the breaker's sense (a 4xx answer).</summary>
    public void OnNeutral() => OnSuccess();
}
