using System.Globalization;
using MemoryTriggers.Compare.CommandLine;

namespace MemoryTriggers.Compare.Generation;

/// <summary><c>generate --out DIR [--seed 42] [--sizes 30,300,3000] [--events 100000]</c>.</summary>
internal static class GenerateCommand
{
    /// <summary>Parses the options and writes the data; throws <see cref="ArgumentException"/> for bad options.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var options = Parse(args);
        DataGenerator.Run(options, output);
        return 0;
    }

    /// <summary>Parses the options of <c>generate</c>.</summary>
    public static GenerateOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = CommandArguments.Parse(args, "out", "seed", "sizes", "events");
        var seedText = parsed.Optional("seed", "42");
        if (!long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
        {
            throw new ArgumentException($"--seed must be an integer, got '{seedText}'");
        }

        var sizes = parsed.Optional("sizes", "30,300,3000").Split(',')
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= GenerateOptions.MaxSize
                ? n
                : throw new ArgumentException($"--sizes must be a comma-separated list of integers 1-{GenerateOptions.MaxSize}, got '{s}'"))
            .ToArray();
        var eventsText = parsed.Optional("events", "100000");
        if (!int.TryParse(eventsText, NumberStyles.None, CultureInfo.InvariantCulture, out var events) || events < 1)
        {
            throw new ArgumentException($"--events must be a positive integer, got '{eventsText}'");
        }

        return new GenerateOptions(parsed.Required("out"), seed, sizes, events);
    }
}
