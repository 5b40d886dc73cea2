using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.CommandLine;

public sealed class ProgramTests
{
    [Theory]
    [InlineData(new string[0], "usage:")]
    [InlineData(new[] { "frobnicate" }, "frobnicate: unknown verb 'frobnicate'")]
    [InlineData(new[] { "generate" }, "generate: --out is required")]
    [InlineData(new[] { "generate", "--out", "x", "--sizes", "30,abc" }, "generate: --sizes must be a comma-separated list of integers 1-10000, got 'abc'")]
    [InlineData(new[] { "generate", "--out", "x", "--sizes", "20000" }, "generate: --sizes must be")]
    [InlineData(new[] { "generate", "--out", "x", "--events", "0" }, "generate: --events must be a positive integer, got '0'")]
    [InlineData(new[] { "generate", "--out", "x", "--seed", "1.5" }, "generate: --seed must be an integer, got '1.5'")]
    [InlineData(new[] { "generate", "--out", "x", "--colour", "red" }, "generate: unknown option '--colour'")]
    [InlineData(new[] { "generate", "--out", "x", "--out", "y" }, "generate: --out is given twice")]
    [InlineData(new[] { "verify", "--expected" }, "verify: --expected needs a value")]
    [InlineData(new[] { "report", "--results", "/nonexistent-dir", "--expected", "/", "--out", "x" }, "report: /nonexistent-dir: no such directory")]
    public void Run_BadArguments_ExitsTwoWithAMessage(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = Program.Run(args, output, error);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Defaults_AreThoseOfTheProtocol()
    {
        var options = GenerateCommand.Parse(["--out", "data"]);

        Assert.Equal(("data", 42L, 100_000), (options.OutputDirectory, options.Seed, options.EventCount));
        Assert.Equal([30, 300, 3000], options.Sizes);
    }
}
