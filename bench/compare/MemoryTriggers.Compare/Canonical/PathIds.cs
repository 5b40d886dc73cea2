using System.Collections.Concurrent;

namespace MemoryTriggers.Compare.Canonical;

/// <summary>
/// Numbers every dotted path seen in this process (0, 1, 2, …), so the reference evaluator looks a condition's value
/// up by array index instead of hashing the path string for each of millions of tests.
/// </summary>
internal static class PathIds
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>Gets the number of paths numbered so far.</summary>
    public static int Count => Ids.Count;

    /// <summary>Returns the number of <paramref name="path"/>, giving it the next one if it has none.</summary>
    public static int Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Ids.TryGetValue(path, out var id))
        {
            return id;
        }

        lock (Gate)
        {
            return Ids.GetOrAdd(path, _ => Ids.Count);
        }
    }
}
