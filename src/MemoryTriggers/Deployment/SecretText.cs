using System.Text;
using System.Text.RegularExpressions;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Deployment;

/// <summary>
/// Redacts secret-looking values in YAML text shown to people: the value of every block-style key
/// that <see cref="ConfigWriter.IsSecretName"/> marks becomes <c>***</c>, and a block scalar
/// (<c>|</c>, <c>&gt;</c>) under such a key is left out. A URL under a <c>url</c> or <c>*_url</c> key is shortened
/// to scheme, host and port (<see cref="UrlRedaction"/>).
/// </summary>
internal static partial class SecretText
{
    public static string Redact(string yaml)
    {
        var output = new StringBuilder(yaml.Length);
        int? blockOf = null;
        foreach (var line in yaml.Split('\n'))
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            if (blockOf is { } keyIndent)
            {
                if (line.Trim().Length == 0 || indent > keyIndent)
                {
                    continue;
                }

                blockOf = null;
            }

            var match = KeyValue().Match(line);
            var value = match.Success ? match.Groups["value"].Value.TrimEnd('\r') : string.Empty;
            if (match.Success && ConfigWriter.IsSecretName(match.Groups["key"].Value) && value.Length > 0 && !value.StartsWith('#'))
            {
                if (value[0] is '|' or '>')
                {
                    blockOf = indent;
                }

                output.Append(match.Groups["lead"].Value).Append(ConfigWriter.Redacted).Append(line.EndsWith('\r') ? "\r" : string.Empty).Append('\n');
            }
            else if (match.Success && UrlRedaction.IsUrlKey(match.Groups["key"].Value) && UrlRedaction.Redact(Unquote(value)) is var shown && shown != Unquote(value))
            {
                output.Append(match.Groups["lead"].Value).Append(shown).Append(line.EndsWith('\r') ? "\r" : string.Empty).Append('\n');
            }
            else
            {
                output.Append(line).Append('\n');
            }
        }

        // Split gives one more piece than there are line breaks.
        output.Length--;
        return output.ToString();
    }

    private static string Unquote(string value)
    {
        var text = value.Trim();
        return text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : text;
    }

    [GeneratedRegex("""^(?<lead>[ \t]*(?:-[ \t]+)?(?<q>["']?)(?<key>[A-Za-z0-9_.\-]+)\k<q>[ \t]*:[ \t]+)(?<value>.*)$""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyValue();
}
