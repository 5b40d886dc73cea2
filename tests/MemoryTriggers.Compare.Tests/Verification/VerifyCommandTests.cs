using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Compare.Tests.Verification;

public sealed class VerifyCommandTests : IDisposable
{
    private const string Expected = "0\tr0001\n1\t\n2\tr0002,r0007\n3\t\n";
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Run_IdenticalFile_ExitsZeroAndPrintsBothDigests()
    {
        var (code, output, _) = Verify(Expected);

        Assert.Equal(0, code);
        Assert.Contains($"expected sha256 {Sha(Expected)}  (first 4 lines of", output, StringComparison.Ordinal);
        Assert.Contains($"matches  sha256 {Sha(Expected)}  (4 lines of", output, StringComparison.Ordinal);
        Assert.Contains("OK: 4 events identical", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Prefix_ComparesOnlyTheHarnessLines()
    {
        var (code, output, _) = Verify("0\tr0001\n1\t\n");

        Assert.Equal(0, code);
        Assert.Contains($"expected sha256 {Sha("0\tr0001\n1\t\n")}  (first 2 lines of", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DifferentLine_ExitsOneNamingTheFirstDifferingEvent()
    {
        var (code, output, _) = Verify("0\tr0001\n1\t\n2\tr0007,r0002\n3\tr0009\n");

        Assert.Equal(1, code);
        Assert.Contains("FAILED: first difference at event 2 (line 3)", output, StringComparison.Ordinal);
        Assert.Contains("expected: \"2\\tr0002,r0007\"", output, StringComparison.Ordinal);
        Assert.Contains("matches:  \"2\\tr0007,r0002\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LastLineWithoutNewline_IsAMismatch()
    {
        var (code, output, _) = Verify("0\tr0001\n1\t");

        Assert.Equal(1, code);
        Assert.Contains("first difference at event 1", output, StringComparison.Ordinal);
        Assert.Contains("(no newline at the end)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MoreLinesThanTheReference_ExitsOne()
    {
        var (code, output, _) = Verify(Expected + "4\t\n");

        Assert.Equal(1, code);
        Assert.Contains("has 5 lines, the reference only 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyMatches_ExitsOne()
    {
        var (code, output, _) = Verify("");

        Assert.Equal(1, code);
        Assert.Contains("has no lines", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFile_ExitsTwoWithOneLineNamingIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var missing = _directory.File("missing.matches");

        var code = Program.Run(["verify", "--expected", missing, "--matches", missing], output, error);

        Assert.Equal(2, code);
        Assert.StartsWith($"verify: {missing}: cannot read", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    public void Dispose() => _directory.Dispose();

    private (int Code, string Output, string Error) Verify(string matches)
    {
        File.WriteAllText(_directory.File("expected.matches"), Expected);
        File.WriteAllText(_directory.File("harness.matches"), matches);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(["verify", "--expected", _directory.File("expected.matches"), "--matches", _directory.File("harness.matches")], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
