using System.CommandLine;

namespace MemoryTriggers.Cli;

/// <summary>Options shared by several commands, so that they are spelled and described the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(" or ", formats) + ".",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string?> Output(string what) => new("--output", "-o")
    {
        Description = $"Write {what} to this file (atomically) instead of standard output.",
    };
}
