namespace MemoryTriggers.Compare.Reporting;

/// <summary>The median, minimum and maximum of one measurement over repeated runs.</summary>
/// <param name="Median">The median (the mean of the two middle values for an even count).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Count">The number of runs with a value.</param>
internal sealed record RunSummary(double Median, double Min, double Max, int Count)
{
    /// <summary>Summarises <paramref name="values"/>; null when there are none.</summary>
    public static RunSummary? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new RunSummary(median, sorted[0], sorted[^1], sorted.Length);
    }
}
