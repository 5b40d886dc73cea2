using System.Security.Cryptography;

namespace MemoryTriggers.Compare.Verification;

/// <summary>The bytes of a match file split into lines (each with its newline; a last line may lack one).</summary>
internal sealed class MatchFile
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineEnds = [];

    /// <summary>Wraps <paramref name="bytes"/>.</summary>
    public MatchFile(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineEnds.Add(i + 1);
            }
        }

        if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
        {
            _lineEnds.Add(bytes.Length);
        }
    }

    /// <summary>Gets the number of lines.</summary>
    public int LineCount => _lineEnds.Count;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="IOException"/> naming it when it cannot be read.</summary>
    public static MatchFile Read(string path)
    {
        try
        {
            return new MatchFile(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Gets line <paramref name="index"/> with its newline, if any.</summary>
    public ReadOnlySpan<byte> Line(int index)
    {
        var start = index == 0 ? 0 : _lineEnds[index - 1];
        return _bytes.AsSpan(start, _lineEnds[index] - start);
    }

    /// <summary>Returns the lowercase hex SHA-256 of the first <paramref name="lines"/> lines (all if fewer).</summary>
    public string Sha256(int lines)
    {
        var end = lines <= 0 || _lineEnds.Count == 0 ? 0 : _lineEnds[Math.Min(lines, _lineEnds.Count) - 1];
        return Convert.ToHexStringLower(SHA256.HashData(_bytes.AsSpan(0, end)));
    }
}
