using System.Diagnostics;
using System.Globalization;

namespace MemoryTriggers.Benchmarks.Latency;

/// <summary>Nearest-rank percentiles of Stopwatch tick samples, printed in microseconds or milliseconds.</summary>
internal static class Percentiles
{
    public static readonly double[] Levels = [0.50, 0.90, 0.99, 0.999];

    public static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The nearest-rank percentile of sorted samples.</summary>
    public static long At(long[] sorted, double level) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(level * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>One line: count, mean, p50, p90, p99, p99.9 and max, in the unit given ("ms" or "µs").</summary>
    public static string Line(IEnumerable<long> samples, string unit)
    {
        var sorted = samples.Order().ToArray();
        var scale = unit == "ms" ? 0.001 : 1.0;
        string F(long ticks) => (Micros(ticks) * scale).ToString(unit == "ms" ? "F3" : "F1", CultureInfo.InvariantCulture);
        var mean = sorted.Length == 0 ? 0 : (long)sorted.Average();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"n={sorted.Length,6}  mean {F(mean),9}  p50 {F(At(sorted, 0.50)),9}  p90 {F(At(sorted, 0.90)),9}  p99 {F(At(sorted, 0.99)),9}  p99.9 {F(At(sorted, 0.999)),9}  max {F(sorted.Length == 0 ? 0 : sorted[^1]),9}  ({unit})");
    }
}
