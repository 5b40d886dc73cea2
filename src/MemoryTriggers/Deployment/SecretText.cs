using System.Text.RegularExpressions;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Deployment;

/// <summary>Redacts secret-looking values in YAML text shown to people: the value of every block-style key that <see cref="ConfigWriter.IsSecretName"/> marks.</summary>
internal static partial class SecretText
{
    public static string Redact(string yaml)
    {
        return KeyValue().Replace(yaml, match =>
        {
            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.TrimEnd('\r');
            return ConfigWriter.IsSecretName(key) && value.Length > 0 && !value.StartsWith('#')
                ? match.Groups["lead"].Value + ConfigWriter.Redacted + (match.Groups["value"].Value.EndsWith('\r') ? "\r" : string.Empty)
                : match.Value;
        });
    }

    [GeneratedRegex("""^(?<lead>[ \t]*(?:-[ \t]+)?(?<q>["']?)(?<key>[A-Za-z0-9_.\-]+)\k<q>[ \t]*:[ \t]+)(?<value>[^\n]*)$""", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyValue();
}
