using System.Diagnostics;

namespace MemoryTriggers.Compare.Harness;

/// <summary>Nearest-rank percentiles of per-event Stopwatch tick samples, in nanoseconds.</summary>
public static class LatencySummary
{
    /// <summary>Sorts the first <paramref name="count"/> samples in place and returns p50, p99 and p99.9 in nanoseconds.</summary>
    public static (double P50, double P99, double P999) FromTicks(long[] samples, int count)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var span = samples.AsSpan(0, count);
        span.Sort();
        return (At(span, 0.50), At(span, 0.99), At(span, 0.999));
    }

    private static double At(ReadOnlySpan<long> sorted, double level)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var index = Math.Clamp((int)Math.Ceiling(level * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1e9 / Stopwatch.Frequency;
    }
}
