using Spectre.Console;

namespace MemoryTriggers.Cli.Output;

/// <summary>Writes lines that are coloured on a terminal (through Spectre.Console) and plain everywhere else.</summary>
internal sealed class Painter
{
    private readonly TextWriter _writer;
    private readonly IAnsiConsole? _console;

    public Painter(TextWriter writer, bool color)
    {
        _writer = writer;
        _console = color
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Detect })
            : null;
    }

    /// <summary>Writes one line made of parts, each with an optional Spectre style such as "red bold".</summary>
    public void Line(params (string Text, string? Style)[] parts)
    {
        if (_console is null)
        {
            _writer.WriteLine(string.Concat(parts.Select(p => p.Text)));
            return;
        }

        _console.MarkupLine(string.Concat(parts.Select(p => p.Style is null ? Markup.Escape(p.Text) : $"[{p.Style}]{Markup.Escape(p.Text)}[/]")));
    }

    public void Line(string text) => Line((text, null));
}
