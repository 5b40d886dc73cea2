using System.Diagnostics;

namespace MemoryTriggers.Compare.Tests.Bench;

/// <summary>
/// CI's side-by-side smoke run: <c>bench/run.sh --smoke</c> generates the 30-rule set and 5,000 events, runs
/// our harness, the RulesEngine harness and the json-rules-engine harness (Node, installed by test.sh with
/// <c>npm ci</c>) on both event variants, and verifies each one's match lines against the reference evaluator.
/// Correctness only: the timed phases are cut to a tenth of a second.
/// </summary>
public sealed class BenchRunSmokeTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task RunSh_Smoke_EveryHarnessAgreesWithTheReferenceOnBothVariants()
    {
        var start = new ProcessStartInfo("bash", ["bench/run.sh", "--smoke", "--no-build"])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        Assert.True(process.ExitCode == 0, text);
        Assert.Equal(6, text.Split('\n').Count(l => l.Contains("OK: 5000 events identical", StringComparison.Ordinal)));
        foreach (var engine in new[] { "ours", "rulesengine", "json-rules-engine" })
        {
            Assert.Contains($"{engine}  rules-30  varied", text, StringComparison.Ordinal);
        }

        Assert.Contains("smoke: every harness agrees with the reference", text, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MemoryTriggers.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MemoryTriggers.slnx not found above " + AppContext.BaseDirectory);
    }
}
