using System.Globalization;

namespace MemoryTriggers.Configuration.Documents;

/// <summary>A scalar: its text and its value resolved by the YAML 1.2 core schema.</summary>
public sealed class ConfigScalar : ConfigNode
{
    /// <summary>Initializes a new instance of the <see cref="ConfigScalar"/> class.</summary>
    /// <param name="value">The resolved value: <see langword="null"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.</param>
    /// <param name="text">The scalar's text as written.</param>
    /// <param name="isQuoted">Whether the scalar was quoted (quoted scalars are always strings).</param>
    /// <param name="location">Where the scalar came from.</param>
    public ConfigScalar(object? value, string text, bool isQuoted, SourceLocation location)
        : base(location)
    {
        Value = value;
        Text = text;
        IsQuoted = isQuoted;
    }

    /// <summary>Gets the resolved value: <see langword="null"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.</summary>
    public object? Value { get; }

    /// <summary>Gets the text as written.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the scalar was quoted.</summary>
    public bool IsQuoted { get; }

    /// <inheritdoc />
    public override string Describe() => Value switch
    {
        null => "an empty value",
        bool b => b ? "the boolean true" : "the boolean false",
        long or double => "the number " + Text,
        _ => "the string \"" + Text + "\"",
    };

    /// <summary>Resolves a plain (unquoted) scalar by the YAML 1.2 core schema.</summary>
    /// <param name="text">The scalar's text.</param>
    /// <returns>The value.</returns>
    public static object? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex <= long.MaxValue ? (long)hex : (object)(double)hex;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length is > 2 and <= 23 && !text.AsSpan(2).ContainsAnyExceptInRange('0', '7'))
        {
            // At most 21 octal digits, so the value stays below 2^63.
            long octal = 0;
            foreach (var digit in text.AsSpan(2))
            {
                octal = (octal * 8) + (digit - '0');
            }

            return octal;
        }

        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text;
    }

    private static bool IsInteger(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsFloat(string text)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        var mantissaDigits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
