using System.Text;
using MemoryTriggers.Compare.CommandLine;

namespace MemoryTriggers.Compare.Verification;

/// <summary>
/// <c>verify --expected FILE --matches FILE</c>: a harness's match lines must be byte-identical to the first n lines
/// of the reference file (n = the harness's line count, at least 1). Prints both digests and n; on a mismatch, the
/// first differing event with both lines, and exit code 1.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Runs the verb.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var parsed = CommandArguments.Parse(args, "expected", "matches");
        var expectedPath = parsed.Required("expected");
        var matchesPath = parsed.Required("matches");
        var expected = MatchFile.Read(expectedPath);
        var matches = MatchFile.Read(matchesPath);
        var n = matches.LineCount;
        output.WriteLine($"expected sha256 {expected.Sha256(n)}  (first {Math.Min(n, expected.LineCount)} lines of {expectedPath})");
        output.WriteLine($"matches  sha256 {matches.Sha256(n)}  ({n} lines of {matchesPath})");
        if (n == 0)
        {
            output.WriteLine($"FAILED: {matchesPath} has no lines");
            return 1;
        }

        for (var i = 0; i < n; i++)
        {
            if (i >= expected.LineCount)
            {
                output.WriteLine($"FAILED: {matchesPath} has {n} lines, the reference only {expected.LineCount}");
                return 1;
            }

            if (!matches.Line(i).SequenceEqual(expected.Line(i)))
            {
                output.WriteLine($"FAILED: first difference at event {i} (line {i + 1})");
                output.WriteLine($"  expected: {Show(expected.Line(i))}");
                output.WriteLine($"  matches:  {Show(matches.Line(i))}");
                return 1;
            }
        }

        output.WriteLine($"OK: {n} events identical");
        return 0;
    }

    /// <summary>A line for display: tab and newline made visible, a missing newline said so.</summary>
    internal static string Show(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        var shown = text.TrimEnd('\n').Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return text.EndsWith('\n') ? $"\"{shown}\"" : $"\"{shown}\" (no newline at the end)";
    }
}
