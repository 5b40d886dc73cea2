using System.Globalization;
using System.Text;

namespace MemoryTriggers.Deployment;

/// <summary>
/// Line-based unified diffs (the format of <c>diff -u</c> and <c>git diff</c>), computed with Myers'
/// O((N+M)D) algorithm after trimming the common head and tail.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>The marker written after a last line that has no line break.</summary>
    public const string NoNewlineMarker = "\\ No newline at end of file";

    /// <summary>Beyond this many differing lines the diff is written as "remove all, add all", which keeps memory bounded.</summary>
    private const int MaxEditDistance = 2000;

    /// <summary>Computes the unified diff of two texts.</summary>
    /// <param name="oldText">The text before.</param>
    /// <param name="newText">The text after.</param>
    /// <param name="oldLabel">The name on the <c>---</c> line.</param>
    /// <param name="newLabel">The name on the <c>+++</c> line.</param>
    /// <param name="contextLines">How many unchanged lines to show around each change.</param>
    /// <returns>The diff with <c>\n</c> line breaks, or the empty string when the texts are equal.</returns>
    public static string Create(string oldText, string newText, string oldLabel, string newLabel, int contextLines = 3)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentNullException.ThrowIfNull(oldLabel);
        ArgumentNullException.ThrowIfNull(newLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLines);
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var a = Split(oldText);
        var b = Split(newText);
        var edits = Edits(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        WriteHunks(output, edits, contextLines);
        return output.ToString();
    }

    /// <summary>Counts the added and removed lines of a diff made by <see cref="Create"/> (or several concatenated).</summary>
    /// <param name="diff">The diff.</param>
    /// <returns>The lines added and removed, read hunk by hunk so that file headers are never counted.</returns>
    public static (int Added, int Removed) Count(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        int added = 0, removed = 0, oldLeft = 0, newLeft = 0;
        foreach (var line in diff.Split('\n'))
        {
            if (oldLeft > 0 || newLeft > 0)
            {
                switch (line.Length == 0 ? ' ' : line[0])
                {
                    case '-':
                        removed++;
                        oldLeft--;
                        break;
                    case '+':
                        added++;
                        newLeft--;
                        break;
                    case '\\':
                        break;
                    default:
                        oldLeft--;
                        newLeft--;
                        break;
                }
            }
            else if (line.StartsWith("@@ -", StringComparison.Ordinal))
            {
                var ranges = line.Split(' ');
                oldLeft = RangeCount(ranges[1]);
                newLeft = RangeCount(ranges[2]);
            }
        }

        return (added, removed);
    }

    private static int RangeCount(string range)
    {
        var comma = range.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? 1 : int.Parse(range.AsSpan(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static Line[] Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var parts = text.Split('\n');
        var endsWithBreak = parts[^1].Length == 0;
        var count = endsWithBreak ? parts.Length - 1 : parts.Length;
        var lines = new Line[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = new Line(parts[i], NoBreak: !endsWithBreak && i == count - 1);
        }

        return lines;
    }

    private static List<Edit> Edits(Line[] a, Line[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < head; i++)
        {
            edits.Add(new Edit(EditKind.Equal, a[i]));
        }

        Middle(a.AsSpan(head, a.Length - head - tail), b.AsSpan(head, b.Length - head - tail), edits);
        for (var i = a.Length - tail; i < a.Length; i++)
        {
            edits.Add(new Edit(EditKind.Equal, a[i]));
        }

        return edits;
    }

    /// <summary>Myers' greedy forward search, keeping each round's frontier to walk the path back.</summary>
    private static void Middle(ReadOnlySpan<Line> a, ReadOnlySpan<Line> b, List<Edit> edits)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0)
        {
            ReplaceAll(a, b, edits);
            return;
        }

        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            if (d > MaxEditDistance)
            {
                ReplaceAll(a, b, edits);
                return;
            }

            // Round d reads only diagonals -(d+1)..d+1 of the frontier left by round d-1.
            var snapshot = new int[(2 * d) + 3];
            Array.Copy(v, offset - d - 1, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        var path = new List<Edit>();
        int px = n, py = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var frontier = trace[d];
            int At(int diagonal) => frontier[diagonal + d + 1];
            var k = px - py;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = d == 0 ? 0 : At(previousK);
            var previousY = previousX - previousK;
            if (d == 0)
            {
                previousY = 0;
            }

            while (px > previousX && py > previousY)
            {
                px--;
                py--;
                path.Add(new Edit(EditKind.Equal, a[px]));
            }

            if (d > 0)
            {
                if (px == previousX)
                {
                    path.Add(new Edit(EditKind.Insert, b[previousY]));
                }
                else
                {
                    path.Add(new Edit(EditKind.Delete, a[previousX]));
                }
            }

            px = previousX;
            py = previousY;
        }

        path.Reverse();
        edits.AddRange(path);
    }

    private static void ReplaceAll(ReadOnlySpan<Line> a, ReadOnlySpan<Line> b, List<Edit> edits)
    {
        foreach (var line in a)
        {
            edits.Add(new Edit(EditKind.Delete, line));
        }

        foreach (var line in b)
        {
            edits.Add(new Edit(EditKind.Insert, line));
        }
    }

    private static void WriteHunks(StringBuilder output, List<Edit> edits, int context)
    {
        // Position of each edit in the old and new texts (lines consumed before it).
        var oldBefore = new int[edits.Count + 1];
        var newBefore = new int[edits.Count + 1];
        for (var i = 0; i < edits.Count; i++)
        {
            oldBefore[i + 1] = oldBefore[i] + (edits[i].Kind == EditKind.Insert ? 0 : 1);
            newBefore[i + 1] = newBefore[i] + (edits[i].Kind == EditKind.Delete ? 0 : 1);
        }

        var i0 = 0;
        while (i0 < edits.Count)
        {
            var first = edits.FindIndex(i0, e => e.Kind != EditKind.Equal);
            if (first < 0)
            {
                return;
            }

            var last = first;
            for (var j = first + 1; j < edits.Count; j++)
            {
                if (edits[j].Kind == EditKind.Equal)
                {
                    continue;
                }

                if (j - last - 1 > 2 * context)
                {
                    break;
                }

                last = j;
            }

            var start = Math.Max(first - context, 0);
            var end = Math.Min(last + context, edits.Count - 1);
            var oldCount = oldBefore[end + 1] - oldBefore[start];
            var newCount = newBefore[end + 1] - newBefore[start];
            output.Append("@@ -").Append(Range(oldBefore[start], oldCount))
                .Append(" +").Append(Range(newBefore[start], newCount)).Append(" @@\n");
            for (var j = start; j <= end; j++)
            {
                var edit = edits[j];
                output.Append(edit.Kind switch { EditKind.Insert => '+', EditKind.Delete => '-', _ => ' ' })
                    .Append(edit.Line.Text).Append('\n');
                if (edit.Line.NoBreak)
                {
                    output.Append(NoNewlineMarker).Append('\n');
                }
            }

            i0 = end + 1;
        }
    }

    private static string Range(int before, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{before},0"),
        1 => (before + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{before + 1},{count}"),
    };

    private enum EditKind
    {
        Equal,
        Delete,
        Insert,
    }

    private readonly record struct Line(string Text, bool NoBreak);

    private readonly record struct Edit(EditKind Kind, Line Line);
}
