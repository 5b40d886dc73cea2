namespace MemoryTriggers.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Run_MisspelledCommand_SuggestsAndExits64()
    {
        var result = await CliRun.RunAsync("validat", "x.yaml");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("validate", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoCommand_Exits64()
    {
        var result = await CliRun.RunAsync();

        Assert.Equal(64, result.ExitCode);
    }

    [Fact]
    public async Task Run_Help_ListsCommandsAndExitCodes()
    {
        var result = await CliRun.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("validate", result.Output, StringComparison.Ordinal);
        Assert.Contains("64 usage error", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "1", false)]
    [InlineData(false, null, false)]
    public void UseColor_TerminalAndNoColor_Decide(bool terminal, string? noColor, bool expected)
    {
        var variables = new Dictionary<string, string?>();
        if (noColor is not null)
        {
            variables["NO_COLOR"] = noColor;
        }

        var context = new CliContext(TextWriter.Null, TextWriter.Null, variables, terminal);

        Assert.Equal(expected, context.UseColor);
    }
}
