using MemoryTriggers.Compare.CommandLine;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>
/// <c>report --results DIR --expected DIR --out FILE</c>: reads every result JSON under the results directory,
/// re-verifies each digest against the expected match files, and writes the markdown report. Exit code 1 when a
/// cell is INVALID (the report is still written).
/// </summary>
internal static class ReportCommand
{
    /// <summary>Runs the verb.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var parsed = CommandArguments.Parse(args, "results", "expected", "out");
        var resultsDirectory = parsed.Required("results");
        var expectedDirectory = parsed.Required("expected");
        var outputFile = parsed.Required("out");
        if (!Directory.Exists(resultsDirectory))
        {
            throw new IOException($"{resultsDirectory}: no such directory");
        }

        if (!Directory.Exists(expectedDirectory))
        {
            throw new IOException($"{expectedDirectory}: no such directory");
        }

        var files = Directory.EnumerateFiles(resultsDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{resultsDirectory}: no result files (*.json)");
        }

        var verifier = new ResultVerifier(expectedDirectory);
        var runs = files.Select(ResultReader.Read).Select(r => (r, verifier.Verify(r))).ToArray();
        var markdown = ReportBuilder.Build(runs, MachineInfo.Current(), resultsDirectory, expectedDirectory, out var invalid);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        Directory.CreateDirectory(directory);
        File.WriteAllText(outputFile, markdown);
        output.WriteLine($"report: {runs.Length} results, {runs.Count(r => !r.Item2.Valid)} failed verification, {invalid} INVALID cell(s) -> {outputFile}");
        foreach (var (result, verification) in runs.Where(r => !r.Item2.Valid))
        {
            output.WriteLine($"INVALID {result.Source}: {verification.Detail}");
        }

        return invalid > 0 ? 1 : 0;
    }
}
