using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Compare.Tests.Reporting;

public sealed class ReportCommandTests : IDisposable
{
    private const string Expected = "0\tr0001\n1\t\n2\tr0002\n";
    private readonly TempDirectory _directory = new();

    public ReportCommandTests()
    {
        Directory.CreateDirectory(_directory.File("expected"));
        Directory.CreateDirectory(_directory.File("results/ours"));
        File.WriteAllText(_directory.File("expected/rules-30.fixed.matches"), Expected);
    }

    [Fact]
    public void Run_VerifiedResults_WritesTheReportAndExitsZero()
    {
        WriteResult("results/ours/run1.json", "ours", 3, Sha(Expected));
        WriteResult("results/re.json", "RulesEngine", 2, Sha("0\tr0001\n1\t\n"));

        var (code, output, _) = Report();

        Assert.Equal(0, code);
        Assert.Contains("report: 2 results, 0 failed verification, 0 INVALID cell(s)", output, StringComparison.Ordinal);
        var report = File.ReadAllText(_directory.File("out/latest.md"));
        Assert.Contains("| ours | 3 ✓ |", report, StringComparison.Ordinal);
        Assert.Contains("| RulesEngine | 2 ✓ |", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "0000", "differs from")]
    [InlineData(4, null, "checked_events 4 is outside 1-3")]
    [InlineData(0, null, "checked_events 0 is outside 1-3")]
    public void Run_ResultThatDoesNotVerify_MarksItInvalidAndExitsOne(int checkedEvents, string? digest, string reason)
    {
        WriteResult("results/ours/run1.json", "ours", checkedEvents, digest ?? Sha(Expected));

        var (code, output, _) = Report();

        Assert.Equal(1, code);
        Assert.Contains("1 INVALID cell(s)", output, StringComparison.Ordinal);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Contains("**INVALID**", File.ReadAllText(_directory.File("out/latest.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoExpectedFileForTheResult_IsInvalid()
    {
        WriteResult("results/ours/run1.json", "ours", 3, Sha(Expected), variant: "varied");

        var (code, output, _) = Report();

        Assert.Equal(1, code);
        Assert.Contains("no expected file", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedResult_ExitsTwoNamingTheFile()
    {
        File.WriteAllText(_directory.File("results/bad.json"), "{\"engine\":");

        var (code, _, error) = Report();

        Assert.Equal(2, code);
        Assert.StartsWith($"report: {_directory.File("results/bad.json")}: not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoResults_ExitsTwo()
    {
        var (code, _, error) = Report();

        Assert.Equal(2, code);
        Assert.Contains("no result files", error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private (int Code, string Output, string Error) Report()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(
            ["report", "--results", _directory.File("results"), "--expected", _directory.File("expected"), "--out", _directory.File("out/latest.md")],
            output,
            error);
        return (code, output.ToString(), error.ToString());
    }

    private void WriteResult(string name, string engine, int checkedEvents, string digest, string variant = "fixed") =>
        File.WriteAllText(_directory.File(name), $$"""
            {"engine":"{{engine}}","engine_version":"1","runtime":"rt","rules":"rules-30","rule_count":30,"variant":"{{variant}}","run":1,
             "cold_start_ms":5,"checked_events":{{checkedEvents}},"matches_sha256":"{{digest}}","throughput_eps":1000,"bytes_per_event":null,
             "latency_ns":{"p50":1,"p99":2,"p999":3},"two_thread_eps":2000,"end_to_end_eps":500,"extra":{} }
            """);

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
