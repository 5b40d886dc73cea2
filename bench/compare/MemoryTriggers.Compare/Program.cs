using MemoryTriggers.Compare.Generation;
using MemoryTriggers.Compare.Reporting;
using MemoryTriggers.Compare.Verification;

namespace MemoryTriggers.Compare;

/// <summary>The entry point: <c>generate</c>, <c>verify</c> and <c>report</c> (see ../PROTOCOL.md).</summary>
internal static class Program
{
    private const string Usage =
        "usage: MemoryTriggers.Compare generate --out DIR [--seed 42] [--sizes 30,300,3000] [--events 100000]\n" +
        "       MemoryTriggers.Compare verify --expected FILE --matches FILE\n" +
        "       MemoryTriggers.Compare report --results DIR --expected DIR --out FILE";

    /// <summary>Runs a verb; exit codes: 0 ok, 1 verification failed, 2 bad arguments or files.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a verb writing to the given streams (the tests call this).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? error : output).WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        var rest = args.Skip(1).ToArray();
        try
        {
            return args[0] switch
            {
                "generate" => GenerateCommand.Run(rest, output),
                "verify" => VerifyCommand.Run(rest, output),
                "report" => ReportCommand.Run(rest, output),
                _ => throw new ArgumentException($"unknown verb '{args[0]}'\n{Usage}"),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"{args[0]}: {e.Message}");
            return 2;
        }
    }
}
