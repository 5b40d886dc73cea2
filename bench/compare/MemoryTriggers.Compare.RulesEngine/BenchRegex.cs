using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// The regular-expression function the translated rules call (<c>BenchRegex.IsMatch(input1.path, "pattern")</c>).
/// RulesEngine 5+ lets expressions call only types registered in <c>ReSettings.CustomTypes</c>, so regex goes
/// through this type. Each pattern is parsed once and cached; interpreted (no <see cref="RegexOptions.Compiled"/>),
/// as our engine does.
/// </summary>
public static class BenchRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Returns whether <paramref name="pattern"/> finds a match anywhere in <paramref name="input"/> (false for null).</summary>
    /// <param name="input">The value at the rule's path.</param>
    /// <param name="pattern">The canonical rule's pattern.</param>
    public static bool IsMatch(string? input, string pattern) =>
        input is not null && Cache.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant)).IsMatch(input);
}
