using System.Globalization;
using System.Text.RegularExpressions;

namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// The rule every generated string obeys: printable ASCII, at least one letter, and not a number in .NET or
/// JavaScript (so no engine's numeric-string leniency can change an answer).
/// </summary>
internal static partial class StringRules
{
    /// <summary>Whether <paramref name="text"/> is a safe, non-numeric ASCII string.</summary>
    public static bool IsSafe(string? text) =>
        !string.IsNullOrEmpty(text)
        && text.All(c => c is >= ' ' and <= '~')
        && text.Any(char.IsAsciiLetter)
        && !double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _)
        && !JavaScriptRadixNumber().IsMatch(text);

    // Number("0x1f"), Number("0b1"), Number("0o7") are numbers in JavaScript; .NET does not parse them.
    [GeneratedRegex(@"^\s*[+-]?0[xXbBoO][0-9a-fA-F]+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaScriptRadixNumber();
}
