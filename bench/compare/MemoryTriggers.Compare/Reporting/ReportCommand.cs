namespace MemoryTriggers.Compare.Reporting;

/// <summary><c>report --results DIR --expected DIR --out FILE</c>.</summary>
internal static class ReportCommand
{
    /// <summary>Runs the verb.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output) => throw new ArgumentException("report: not yet");
}
