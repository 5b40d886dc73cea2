namespace MemoryTriggers.Compare.CommandLine;

/// <summary>The <c>--name value</c> options of one verb; unknown or repeated names and missing values are errors.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values;

    private CommandArguments(Dictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>Parses <paramref name="args"/>, accepting only the option names in <paramref name="known"/>.
    /// Throws <see cref="ArgumentException"/> with a one-line message.</summary>
    public static CommandArguments Parse(IReadOnlyList<string> args, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"unknown option '{args[i]}' (expected {string.Join(", ", known.Select(k => "--" + k))})");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"--{name} needs a value");
            }

            if (!values.TryAdd(name, args[i + 1]))
            {
                throw new ArgumentException($"--{name} is given twice");
            }
        }

        return new CommandArguments(values);
    }

    /// <summary>Gets a required option's value.</summary>
    public string Required(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    /// <summary>Gets an option's value, or <paramref name="fallback"/>.</summary>
    public string Optional(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
}
