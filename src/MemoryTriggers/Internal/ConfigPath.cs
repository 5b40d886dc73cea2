using System.Globalization;
using System.Text;

namespace MemoryTriggers.Internal;

/// <summary>Dotted paths such as <c>trigger_policies.prod.success_threshold</c> and <c>monitoring.alert_channels[1]</c>.</summary>
internal static class ConfigPath
{
    public static string Append(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Splits a path into string keys and integer indexes.</summary>
    public static IReadOnlyList<object> Split(string path)
    {
        var segments = new List<object>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '.')
            {
                Flush();
            }
            else if (c == '[' && path.IndexOf(']', i) is var close and > 0
                && int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                Flush();
                segments.Add(index);
                i = close;
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return segments;

        void Flush()
        {
            if (current.Length > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
