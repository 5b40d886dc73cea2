using System.Globalization;
using System.Text;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>
/// Writes the markdown report: machine, versions, correctness (events checked, digest verified), one table per
/// measurement with rows engine and columns size × variant (median and min–max over runs), ratio rows of ours
/// against every other engine, and a table of each engine's extra measurements. A cell with a run whose digest did
/// not verify is INVALID everywhere.
/// </summary>
internal static class ReportBuilder
{
    /// <summary>The engine name of our harness; ratios are ours against every other engine.</summary>
    public const string Ours = "ours";

    private const string Invalid = "**INVALID**";

    private static readonly Measurement[] Measurements =
    [
        new("Cold start", "load, validate, compile and evaluate event 0; lower is better; speed-up = theirs ÷ ours", r => r.ColdStartMs * 1e6, Units.Nanoseconds, Better.Lower),
        new("Throughput", "events/s, one thread, after warm-up; higher is better; speed-up = ours ÷ theirs", r => r.ThroughputEps, Units.Compact, Better.Higher),
        new("Latency p50", "per event; lower is better; speed-up = theirs ÷ ours", r => r.LatencyP50Ns, Units.Nanoseconds, Better.Lower),
        new("Latency p99", "per event; lower is better; speed-up = theirs ÷ ours", r => r.LatencyP99Ns, Units.Nanoseconds, Better.Lower),
        new("Latency p99.9", "per event; lower is better; speed-up = theirs ÷ ours", r => r.LatencyP999Ns, Units.Nanoseconds, Better.Lower),
        new("Bytes allocated per event", "during the throughput phase; n/a where the engine cannot measure it", r => r.BytesPerEvent, Units.Compact, Better.None),
        new("Two threads", "events/s, two threads (Node: two workers) sharing one engine; higher is better; speed-up = ours ÷ theirs", r => r.TwoThreadEps, Units.Compact, Better.Higher),
        new("End to end", "events/s, parse the JSON line and evaluate, one thread; higher is better; speed-up = ours ÷ theirs", r => r.EndToEndEps, Units.Compact, Better.Higher),
    ];

    private enum Better
    {
        None,
        Higher,
        Lower,
    }

    /// <summary>Builds the report; <paramref name="invalidCells"/> is the number of INVALID cells.</summary>
    public static string Build(
        IReadOnlyList<(ResultFile Result, ResultVerification Verification)> runs,
        MachineInfo machine,
        string resultsDirectory,
        string expectedDirectory,
        out int invalidCells)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(machine);
        var engines = runs.Select(r => r.Result.Engine).Distinct(StringComparer.Ordinal)
            .OrderBy(e => e == Ours ? 0 : 1).ThenBy(e => e, StringComparer.Ordinal).ToArray();
        var columns = runs.Select(r => new Column(r.Result.Rules, SizeOf(r.Result), r.Result.Variant)).Distinct()
            .OrderBy(c => c.Size).ThenBy(c => c.Rules, StringComparer.Ordinal)
            .ThenBy(c => c.Variant == "fixed" ? 0 : c.Variant == "varied" ? 1 : 2).ThenBy(c => c.Variant, StringComparer.Ordinal)
            .ToArray();
        var cells = runs.GroupBy(r => (r.Result.Engine, new Column(r.Result.Rules, SizeOf(r.Result), r.Result.Variant)))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Result.Run).ToArray());
        bool Valid(string engine, Column column) =>
            !cells.TryGetValue((engine, column), out var cell) || cell.All(r => r.Verification.Valid);
        invalidCells = cells.Count(c => c.Value.Any(r => !r.Verification.Valid));

        var md = new StringBuilder();
        md.Append("# Side-by-side comparison: ours, Microsoft RulesEngine, json-rules-engine\n\n");
        md.Append(Invariant($"Machine: {machine.Cpu}, {machine.Cores} logical cores, {machine.Os}. Report written by {machine.ReportRuntime}.\n\n"));
        md.Append(Invariant($"{runs.Count} runs read from `{resultsDirectory}`; match digests re-verified against `{expectedDirectory}`. "))
            .Append("Each cell is the median (min–max) over its runs; columns are rule-set size × event variant (bench/compare/PROTOCOL.md).\n\n");
        if (invalidCells > 0)
        {
            md.Append(Invariant($"**{invalidCells} cell(s) INVALID: an engine's match lines differ from the reference; their figures are withheld.**\n\n"));
        }

        md.Append("## Versions\n\n| Engine | Engine version | Runtime | Runs |\n| --- | --- | --- | --- |\n");
        foreach (var engine in engines)
        {
            var own = runs.Where(r => r.Result.Engine == engine).Select(r => r.Result).ToArray();
            md.Append(Invariant($"| {Escape(engine)} | {Escape(Distinct(own.Select(r => r.EngineVersion)))} | {Escape(Distinct(own.Select(r => r.Runtime)))} | {own.Length} |\n"));
        }

        md.Append("\n## Correctness\n\nEvents of the correctness pass (a prefix of the stream; a slow engine stops when its time budget runs out); ✓: the digest of every run equals the digest of that many reference lines.\n\n");
        Header(md, columns);
        foreach (var engine in engines)
        {
            md.Append("| ").Append(Escape(engine));
            foreach (var column in columns)
            {
                md.Append(" | ");
                if (cells.TryGetValue((engine, column), out var cell))
                {
                    var checkedEvents = RunSummary.Of(cell.Select(r => (double)r.Result.CheckedEvents))!;
                    md.Append(checkedEvents.Min == checkedEvents.Max
                        ? checkedEvents.Min.ToString("N0", CultureInfo.InvariantCulture)
                        : Invariant($"{checkedEvents.Min:N0}–{checkedEvents.Max:N0}"));
                    md.Append(Valid(engine, column) ? " ✓" : " " + Invalid);
                }
                else
                {
                    md.Append('–');
                }
            }

            md.Append(" |\n");
        }

        var failures = runs.Where(r => !r.Verification.Valid).ToArray();
        if (failures.Length > 0)
        {
            md.Append('\n');
            foreach (var (result, verification) in failures)
            {
                md.Append(Invariant($"- INVALID: {Escape(result.Engine)} {result.Rules} {result.Variant} run {result.Run} (`{result.Source}`): {Escape(verification.Detail)}\n"));
            }
        }

        foreach (var measurement in Measurements)
        {
            md.Append(Invariant($"\n## {measurement.Title}\n\n{measurement.Note}.\n\n"));
            Header(md, columns);
            var medians = new Dictionary<(string, Column), double>();
            foreach (var engine in engines)
            {
                md.Append("| ").Append(Escape(engine));
                foreach (var column in columns)
                {
                    md.Append(" | ");
                    if (!cells.TryGetValue((engine, column), out var cell))
                    {
                        md.Append('–');
                    }
                    else if (!Valid(engine, column))
                    {
                        md.Append(Invalid);
                    }
                    else if (RunSummary.Of(cell.Select(r => measurement.Value(r.Result)).OfType<double>()) is { } summary)
                    {
                        medians[(engine, column)] = summary.Median;
                        md.Append(Cell(summary, measurement.Format));
                    }
                    else
                    {
                        md.Append("n/a");
                    }
                }

                md.Append(" |\n");
            }

            if (measurement.Better != Better.None && engines.Contains(Ours))
            {
                foreach (var other in engines.Where(e => e != Ours))
                {
                    md.Append(Invariant($"| *speed-up of ours vs {Escape(other)}*"));
                    foreach (var column in columns)
                    {
                        md.Append(" | ");
                        if (!Valid(Ours, column) || !Valid(other, column))
                        {
                            md.Append(Invalid);
                        }
                        else if (medians.TryGetValue((Ours, column), out var ours) && medians.TryGetValue((other, column), out var theirs)
                            && ours > 0 && theirs > 0)
                        {
                            md.Append("**").Append(Units.Ratio(measurement.Better == Better.Higher ? ours / theirs : theirs / ours)).Append("**");
                        }
                        else
                        {
                            md.Append('–');
                        }
                    }

                    md.Append(" |\n");
                }
            }
        }

        foreach (var engine in engines)
        {
            var names = runs.Where(r => r.Result.Engine == engine).SelectMany(r => r.Result.Extra).Select(e => e.Key)
                .Distinct(StringComparer.Ordinal).ToArray();
            if (names.Length == 0)
            {
                continue;
            }

            md.Append(Invariant($"\n## Extra measurements: {Escape(engine)}\n\nAs the harness names them (see its README for units).\n\n"));
            md.Append("| Measurement");
            foreach (var column in columns)
            {
                md.Append(" | ").Append(ColumnTitle(column));
            }

            md.Append(" |\n| ---").Append(string.Concat(columns.Select(_ => " | ---:"))).Append(" |\n");
            foreach (var name in names)
            {
                md.Append("| ").Append(Escape(name));
                foreach (var column in columns)
                {
                    md.Append(" | ");
                    if (!cells.TryGetValue((engine, column), out var cell))
                    {
                        md.Append('–');
                    }
                    else if (!Valid(engine, column))
                    {
                        md.Append(Invalid);
                    }
                    else
                    {
                        var summary = RunSummary.Of(cell.SelectMany(r => r.Result.Extra).Where(e => e.Key == name).Select(e => e.Value));
                        md.Append(summary is null ? "n/a" : Cell(summary, Units.Compact));
                    }
                }

                md.Append(" |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>"median unit (min–max)" in the median's unit, or the value alone for one run or equal values.</summary>
    internal static string Cell(RunSummary summary, Func<double, Scale> scaleFor)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(scaleFor);
        var scale = scaleFor(summary.Median);
        return summary.Count == 1 || summary.Min == summary.Max
            ? scale.Format(summary.Median)
            : $"{scale.Format(summary.Median)} ({scale.Number(summary.Min)}–{scale.Number(summary.Max)})";
    }

    private static int SizeOf(ResultFile result) =>
        result.RuleCount > 0 ? result.RuleCount
        : int.TryParse(new string(result.Rules.Where(char.IsAsciiDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : 0;

    private static void Header(StringBuilder md, IReadOnlyList<Column> columns)
    {
        md.Append("| Engine");
        foreach (var column in columns)
        {
            md.Append(" | ").Append(ColumnTitle(column));
        }

        md.Append(" |\n| ---").Append(string.Concat(columns.Select(_ => " | ---:"))).Append(" |\n");
    }

    private static string ColumnTitle(Column column) =>
        Escape(column.Rules.StartsWith("rules-", StringComparison.Ordinal) ? $"{column.Rules["rules-".Length..]} {column.Variant}" : $"{column.Rules} {column.Variant}");

    private static string Distinct(IEnumerable<string> values) =>
        string.Join(", ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).DefaultIfEmpty("?"));

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Column(string Rules, int Size, string Variant);

    private sealed record Measurement(string Title, string Note, Func<ResultFile, double?> Value, Func<double, Scale> Format, Better Better);
}
