using MemoryTriggers.Compare.Reporting;

namespace MemoryTriggers.Compare.Tests.Reporting;

public sealed class ReportBuilderTests
{
    private static readonly MachineInfo Machine = new("Test CPU 3000", 2, "TestOS 1", ".NET 10.0.0");

    [Fact]
    public void Build_ThreeRuns_CellIsMedianWithMinMax()
    {
        var report = Build(
            [Run("ours", 1, throughput: 900_000), Run("ours", 2, throughput: 1_200_000), Run("ours", 3, throughput: 1_000_000)],
            out var invalid);

        Assert.Equal(0, invalid);
        Assert.Contains("| ours | 1.00 M (0.9–1.20) |", Section(report, "## Throughput"), StringComparison.Ordinal);
        Assert.Contains("Machine: Test CPU 3000, 2 logical cores, TestOS 1.", report, StringComparison.Ordinal);
        Assert.Contains("| ours | 100,000 ✓ |", Section(report, "## Correctness"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoEngines_SpeedUpIsOursOverTheirsForRatesAndTheirsOverOursForTimes()
    {
        var report = Build(
        [
            Run("ours", 1, throughput: 1_000_000, p50: 1_000, coldStart: 20),
            Run("RulesEngine", 1, throughput: 40_000, p50: 25_000, coldStart: 300),
        ], out _);

        Assert.Contains("| *speed-up of ours vs RulesEngine* | **25.0×** |", Section(report, "## Throughput"), StringComparison.Ordinal);
        Assert.Contains("| *speed-up of ours vs RulesEngine* | **25.0×** |", Section(report, "## Latency p50"), StringComparison.Ordinal);
        Assert.Contains("| *speed-up of ours vs RulesEngine* | **15.0×** |", Section(report, "## Cold start"), StringComparison.Ordinal);
        Assert.DoesNotContain("speed-up", Section(report, "## Bytes allocated per event"), StringComparison.Ordinal);
        Assert.True(report.IndexOf("| ours |", StringComparison.Ordinal) < report.IndexOf("| RulesEngine |", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OneRunFailsVerification_CellIsInvalidEverywhere()
    {
        var report = Build(
        [
            Run("ours", 1, throughput: 1_000_000),
            Run("json-rules-engine", 1, throughput: 3_000),
            (Run("json-rules-engine", 2, throughput: 3_100).Result, new ResultVerification(false, "digest differs")),
        ], out var invalid);

        Assert.Equal(1, invalid);
        Assert.Contains("**1 cell(s) INVALID", report, StringComparison.Ordinal);
        Assert.Contains("| json-rules-engine | 100,000 **INVALID** |", Section(report, "## Correctness"), StringComparison.Ordinal);
        Assert.Contains("- INVALID: json-rules-engine rules-30 fixed run 2 (`r.json`): digest differs", report, StringComparison.Ordinal);
        Assert.Contains("| json-rules-engine | **INVALID** |", Section(report, "## Throughput"), StringComparison.Ordinal);
        Assert.Contains("| *speed-up of ours vs json-rules-engine* | **INVALID** |", Section(report, "## Throughput"), StringComparison.Ordinal);
        Assert.DoesNotContain("3100", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Extras_ListsEveryKeyOfTheEngine()
    {
        var ours = Run("ours", 1, throughput: 1) with { };
        var withExtras = (ours.Result with { Extra = [new("explain_eps", 250_000), new("reload_swap_ms", 0.8)] }, ours.Verification);

        var report = Build([withExtras], out _);

        var extras = Section(report, "## Extra measurements: ours");
        Assert.Contains("| explain_eps | 250 k |", extras, StringComparison.Ordinal);
        Assert.Contains("| reload_swap_ms | 0.8 |", extras, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ColumnsAndMissingValues_SortedBySizeThenVariant()
    {
        var report = Build(
        [
            Run("ours", 1, throughput: 1, rules: "rules-300", variant: "varied"),
            Run("ours", 1, throughput: 1, rules: "rules-30", variant: "varied"),
            (Run("ours", 1, throughput: 1, rules: "rules-30", variant: "fixed").Result with { BytesPerEvent = null }, new ResultVerification(true, "")),
        ], out _);

        Assert.Contains("| Engine | 30 fixed | 30 varied | 300 varied |", report, StringComparison.Ordinal);
        Assert.Contains("| ours | n/a | 0 | 0 |", Section(report, "## Bytes allocated per event"), StringComparison.Ordinal);
    }

    private static string Build(IReadOnlyList<(ResultFile, ResultVerification)> runs, out int invalid) =>
        ReportBuilder.Build(runs, Machine, "results", "expected", out invalid);

    private static string Section(string report, string heading)
    {
        var start = report.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, heading);
        var end = report.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..end];
    }

    private static (ResultFile Result, ResultVerification Verification) Run(
        string engine, int run, double throughput, double p50 = 1000, double coldStart = 10, string rules = "rules-30", string variant = "fixed") =>
        (new ResultFile
        {
            Source = "r.json",
            Engine = engine,
            EngineVersion = "1.0",
            Runtime = "rt",
            Rules = rules,
            RuleCount = int.Parse(rules["rules-".Length..], System.Globalization.CultureInfo.InvariantCulture),
            Variant = variant,
            Run = run,
            CheckedEvents = 100_000,
            MatchesSha256 = "ab",
            ColdStartMs = coldStart,
            ThroughputEps = throughput,
            BytesPerEvent = 0,
            LatencyP50Ns = p50,
            LatencyP99Ns = p50 * 3,
            LatencyP999Ns = p50 * 9,
            TwoThreadEps = throughput * 1.8,
            EndToEndEps = throughput / 3,
        }, new ResultVerification(true, ""));
}
