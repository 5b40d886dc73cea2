using System.Globalization;

namespace MemoryTriggers.Compare.Harness;

/// <summary>The harness command line shared by every engine (see PROTOCOL.md).</summary>
public sealed class HarnessOptions
{
    /// <summary>Gets the rules file in the engine's own format.</summary>
    public required string Rules { get; init; }

    /// <summary>Gets the JSON lines event stream.</summary>
    public required string Events { get; init; }

    /// <summary>Gets the file the correctness pass writes its match lines to.</summary>
    public required string Matches { get; init; }

    /// <summary>Gets the result JSON file.</summary>
    public required string Result { get; init; }

    /// <summary>Gets the time budget of the correctness pass.</summary>
    public double CheckSeconds { get; init; } = 10;

    /// <summary>Gets the warm-up time after the correctness pass.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>Gets the duration of each measured phase.</summary>
    public double MeasureSeconds { get; init; } = 3;

    /// <summary>Gets the number of this run among repeated runs (for the report).</summary>
    public int Run { get; init; } = 1;

    /// <summary>Gets the event variant label ("fixed" or "varied"); by default read from the events file name.</summary>
    public required string Variant { get; init; }

    /// <summary>Gets the options not known to the protocol, for the engine's own use (name without dashes → value).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.Remove(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
        double Seconds(string name, double fallback) =>
            values.Remove(name, out var text) ? ParsePositive(name, text) : fallback;

        var events = Required("events");
        var rules = Required("rules");
        var matches = Required("matches");
        var result = Required("result");
        var check = Seconds("check-seconds", 10);
        var warmup = Seconds("warmup-seconds", 2);
        var measure = Seconds("measure-seconds", 3);
        var runNumber = values.Remove("run", out var run) ? (int)ParsePositive("run", run) : 1;
        var variantName = values.Remove("variant", out var variant) ? variant
            : Path.GetFileNameWithoutExtension(events).Contains("varied", StringComparison.Ordinal) ? "varied" : "fixed";
        return new HarnessOptions
        {
            Rules = rules,
            Events = events,
            Matches = matches,
            Result = result,
            CheckSeconds = check,
            WarmupSeconds = warmup,
            MeasureSeconds = measure,
            Run = runNumber,
            Variant = variantName,
            Extra = values,
        };
    }

    private static double ParsePositive(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive number, got '{text}'");
}
