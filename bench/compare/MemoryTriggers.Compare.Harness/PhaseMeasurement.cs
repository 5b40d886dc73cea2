namespace MemoryTriggers.Compare.Harness;

/// <summary>What one timed phase did: events evaluated, elapsed seconds, bytes allocated (all threads).</summary>
/// <param name="Events">The number of events evaluated.</param>
/// <param name="Seconds">The elapsed wall-clock time.</param>
/// <param name="AllocatedBytes">The bytes allocated by the process during the phase.</param>
public readonly record struct PhaseMeasurement(long Events, double Seconds, long AllocatedBytes)
{
    /// <summary>Gets the events per second.</summary>
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;

    /// <summary>Gets the bytes allocated per event.</summary>
    public double BytesPerEvent => Events > 0 ? (double)AllocatedBytes / Events : 0;
}
