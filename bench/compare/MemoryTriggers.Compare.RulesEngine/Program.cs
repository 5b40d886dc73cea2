using MemoryTriggers.Compare.Harness;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// <c>translate --canonical FILE --out FILE</c> writes the RulesEngine workflow; any other command line is the
/// harness of PROTOCOL.md (<c>--rules re/rules-N.json --events … --matches … --result …</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "translate")
        {
            return TranslateCommand.Run(args[1..]);
        }

        var harness = new RulesEngineHarness();
        return HarnessRunner.Run(harness, args, ShapeProbe.Measure);
    }
}
