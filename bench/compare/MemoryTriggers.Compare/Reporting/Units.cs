using System.Globalization;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>
/// Number formats of the report: three significant digits with a unit or SI suffix chosen from a reference value
/// (a cell's median), so a cell reads <c>203 ms (62.4–308)</c>.
/// </summary>
internal static class Units
{
    /// <summary>The scale of rates and counts: none below 10,000, then k, M, G.</summary>
    public static Scale Compact(double reference)
    {
        var magnitude = Math.Abs(reference);
        return magnitude >= 1e9 ? new(1e9, " G") : magnitude >= 1e6 ? new(1e6, " M") : magnitude >= 1e4 ? new(1e3, " k") : new(1, "");
    }

    /// <summary>The scale of durations given in nanoseconds: ns, µs, ms, s.</summary>
    public static Scale Nanoseconds(double reference)
    {
        var magnitude = Math.Abs(reference);
        return magnitude >= 1e9 ? new(1e9, " s") : magnitude >= 1e6 ? new(1e6, " ms") : magnitude >= 1e3 ? new(1e3, " µs") : new(1, " ns");
    }

    /// <summary>A ratio: <c>1.23×</c>, <c>12.3×</c>, <c>123×</c>.</summary>
    public static string Ratio(double ratio) => Sig3(ratio) + "×";

    /// <summary>Three significant digits (values of 1,000 and above keep all their integer digits).</summary>
    public static string Sig3(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude == 0 ? "0" : magnitude >= 100 ? "0" : magnitude >= 10 ? "0.0" : magnitude >= 1 ? "0.00" : "0.###";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
