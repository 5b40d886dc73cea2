using System.Collections;

namespace MemoryTriggers.Cli;

/// <summary>What a command may touch outside itself: its writers, the environment and the terminal.</summary>
/// <param name="Out">Where results go.</param>
/// <param name="Error">Where issues and failures go.</param>
/// <param name="Variables">The environment variables (tests pass their own).</param>
/// <param name="IsTerminal">Whether standard output is a terminal, which allows colour and progress.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Variables, bool IsTerminal)
{
    /// <summary>Gets where answers to prompts come from.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Gets a value indicating whether standard input is a terminal, so that a prompt can be answered.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Gets a value indicating whether output may be coloured: a terminal, and NO_COLOR unset.</summary>
    public bool UseColor => IsTerminal
        && !Variables.ContainsKey("NO_COLOR")
        && !string.Equals(Variables.GetValueOrDefault("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Creates the context of a real process.</summary>
    public static CliContext FromConsole()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return new CliContext(Console.Out, Console.Error, variables, !Console.IsOutputRedirected)
        {
            Input = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
        };
    }
}
