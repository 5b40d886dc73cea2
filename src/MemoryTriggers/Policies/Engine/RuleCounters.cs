namespace MemoryTriggers.Policies;

/// <summary>Thread-safe counters of one rule; they are kept by name, so they survive rule-set replacement.</summary>
internal sealed class RuleCounters
{
    private long _evaluations;
    private long _matches;
    private long _firings;
    private long _failures;
    private long _ticks;
    private volatile bool _touched;

    /// <summary>Gets a value indicating whether the engine has run the rule (only those appear in the statistics).</summary>
    public bool Touched => _touched;

    public void Touch() => _touched = true;

    public void Evaluated(bool matched)
    {
        Interlocked.Increment(ref _evaluations);
        if (matched)
        {
            Interlocked.Increment(ref _matches);
        }
    }

    public void Fired(bool failed, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _firings);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }

        AddTime(elapsed);
    }

    public void AddTime(TimeSpan elapsed) => Interlocked.Add(ref _ticks, elapsed.Ticks);

    public RuleStatistics Snapshot() => new(
        Interlocked.Read(ref _evaluations),
        Interlocked.Read(ref _matches),
        Interlocked.Read(ref _firings),
        Interlocked.Read(ref _failures),
        TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));
}
