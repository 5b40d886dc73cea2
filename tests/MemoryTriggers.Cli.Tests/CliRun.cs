namespace MemoryTriggers.Cli.Tests;

/// <summary>Runs memory-config in-process with captured output, injected variables and the test's output folder as working directory.</summary>
internal static class CliRun
{
    private static readonly object s_directoryLock = new();

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?>? variables, params string[] args)
    {
        lock (s_directoryLock)
        {
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, variables ?? new Dictionary<string, string?>(), IsTerminal: false);
        var code = await CliApp.RunAsync(args, context);
        return new CliResult(code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
