using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Compare.Harness;

/// <summary>Writes the match lines of the output contract and their SHA-256 digest.</summary>
public sealed class MatchLines : IDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();

    /// <summary>Creates (or truncates) the match file at <paramref name="path"/>.</summary>
    public MatchLines(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = File.Create(path);
    }

    /// <summary>Gets the number of lines written.</summary>
    public int Count { get; private set; }

    /// <summary>Writes the line of event <paramref name="index"/>; sorts <paramref name="matched"/> in place.</summary>
    public void Add(int index, List<string> matched)
    {
        matched.Sort(StringComparer.Ordinal);
        _line.Clear().Append(index).Append('\t').AppendJoin(',', matched).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(_line.ToString());
        _file.Write(bytes);
        _hash.AppendData(bytes);
        Count++;
    }

    /// <summary>Flushes the file and returns the lowercase hex SHA-256 of everything written.</summary>
    public string Finish()
    {
        _file.Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }
}
