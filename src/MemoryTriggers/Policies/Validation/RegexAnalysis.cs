using System.Text.RegularExpressions;

namespace MemoryTriggers.Policies;

/// <summary>Static checks of a matches_regex pattern: whether it compiles, and whether it risks catastrophic backtracking.</summary>
internal static class RegexAnalysis
{
    /// <summary>Returns why the pattern does not compile, or null. Both engines share one parser, so the cheap interpreter is enough to find syntax errors.</summary>
    public static string? CompileError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RegexCondition.MatchTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Whether the non-backtracking engine can run the pattern (it cannot run backreferences, lookarounds or atomic groups).</summary>
    public static bool RunsWithoutBacktracking(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Finds a quantified group whose body has a quantifier too, such as <c>(a+)+</c>, <c>(.*)*</c> or <c>(\w+\s?)+</c>:
    /// the shape that backtracks exponentially. A simple scan; it does not prove the pattern slow, it flags the shape.
    /// </summary>
    /// <returns>The nested group as written, or null.</returns>
    public static string? FindNestedQuantifier(string pattern)
    {
        // For each open group: where it starts, and whether its body holds a quantifier so far.
        var groups = new Stack<(int Start, bool Quantified)>();
        var bodyQuantified = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = QuantifierEnd(pattern, i + 2, ref bodyQuantified);
                    continue;
                case '[':
                    i = QuantifierEnd(pattern, ClassEnd(pattern, i), ref bodyQuantified);
                    continue;
                case '(':
                    groups.Push((i, bodyQuantified));
                    bodyQuantified = false;
                    i++;
                    if (i < pattern.Length && pattern[i] == '?')
                    {
                        // (?:, (?=, (?<name> ...: the '?' opens a construct, it is not a quantifier.
                        i++;
                    }

                    continue;
                case ')' when groups.Count > 0:
                    var (start, outerQuantified) = groups.Pop();
                    var innerQuantified = bodyQuantified;
                    var end = i + 1;
                    var quantifier = ReadQuantifier(pattern, end, out var repeats);
                    if (quantifier > end && repeats && innerQuantified)
                    {
                        return pattern[start..quantifier];
                    }

                    bodyQuantified = outerQuantified || innerQuantified || quantifier > end;
                    i = quantifier;
                    continue;
                default:
                    i = QuantifierEnd(pattern, i + 1, ref bodyQuantified);
                    continue;
            }
        }

        return null;
    }

    /// <summary>Skips a quantifier at <paramref name="index"/>, if any, noting it in <paramref name="quantified"/>.</summary>
    private static int QuantifierEnd(string pattern, int index, ref bool quantified)
    {
        var end = ReadQuantifier(pattern, Math.Min(index, pattern.Length), out _);
        quantified |= end > index;
        return end;
    }

    /// <summary>Reads <c>*</c>, <c>+</c>, <c>?</c> or <c>{n,m}</c> with an optional lazy <c>?</c>; <paramref name="repeats"/> is whether it can match more than once.</summary>
    private static int ReadQuantifier(string pattern, int index, out bool repeats)
    {
        repeats = false;
        if (index >= pattern.Length)
        {
            return index;
        }

        int end;
        switch (pattern[index])
        {
            case '*' or '+':
                repeats = true;
                end = index + 1;
                break;
            case '?':
                end = index + 1;
                break;
            case '{' when pattern.IndexOf('}', index) is var close and > 0 && IsCount(pattern[(index + 1)..close], out var max):
                repeats = max is null or > 1;
                end = close + 1;
                break;
            default:
                return index;
        }

        return end < pattern.Length && pattern[end] == '?' ? end + 1 : end;
    }

    /// <summary>Parses the inside of <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>; <paramref name="max"/> is null when unbounded.</summary>
    private static bool IsCount(string body, out int? max)
    {
        max = null;
        var parts = body.Split(',');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out var min))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            max = min;
            return true;
        }

        if (parts[1].Length == 0)
        {
            return true;
        }

        if (!int.TryParse(parts[1], out var upper))
        {
            return false;
        }

        max = upper;
        return true;
    }

    /// <summary>Returns the index after the character class starting at <paramref name="start"/>.</summary>
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        // A ']' first in the class is a literal.
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, pattern.Length);
    }
}
