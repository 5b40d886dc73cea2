using System.Text;

namespace MemoryTriggers.Policies;

/// <summary>UTF-8 forms of compiled strings, for comparing with JSON strings in place.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="text"/>, or returns null when it is not well-formed UTF-16 (a lone surrogate), which keeps such text on the char-based path.</summary>
    public static byte[]? TryEncode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return s_strict.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }
}
