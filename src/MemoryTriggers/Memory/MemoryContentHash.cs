using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Memory;

/// <summary>
/// The content hash every store uses to recognise duplicates: SHA-256 over the UTF-8 of the
/// normalized content, as lower-case hex.
/// </summary>
public static class MemoryContentHash
{
    /// <summary>
    /// Normalizes content so that texts differing only in case, Unicode composition or white space
    /// (leading, trailing, or runs of it) hash alike.
    /// </summary>
    /// <param name="content">The content.</param>
    /// <returns>The normalized content.</returns>
    public static string Normalize(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var composed = content.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Computes the hash of <paramref name="content"/>.</summary>
    /// <param name="content">The content, before normalization.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string Compute(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(content))));
}
