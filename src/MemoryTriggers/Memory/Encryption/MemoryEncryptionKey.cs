using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Memory.Encryption;

/// <summary>
/// The 256-bit key that encrypts a memory store at rest, and its key file. The file is text:
/// the line <c>memory-triggers-key v1</c>, then the 32 key bytes in base64 on one line (a final
/// newline is optional, nothing else is allowed). It is created readable and writable by its owner only.
/// </summary>
public sealed class MemoryEncryptionKey : IDisposable
{
    /// <summary>The number of key bytes.</summary>
    public const int KeyLength = 32;

    /// <summary>The first line of a key file: the format and its version.</summary>
    public const string FileHeader = "memory-triggers-key v1";

    // Longer files are not key files; reading them whole would only waste memory.
    private const int MaxFileLength = 4096;

    private readonly byte[] _bytes;
    private bool _disposed;

    private MemoryEncryptionKey(byte[] bytes)
    {
        _bytes = bytes;
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "key-id"u8)[..8]);
    }

    /// <summary>
    /// Gets the key's id: the first 8 bytes of HMAC-SHA256(key, "key-id") as 16 hex digits. It names
    /// the key in messages and in the store without revealing it.
    /// </summary>
    public string KeyId { get; }

    /// <summary>Gets the key bytes; only the store's cipher reads them.</summary>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>Makes a new key from the system's cryptographic random number generator.</summary>
    /// <returns>The key.</returns>
    public static MemoryEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Makes a key from known bytes (tests, or a key kept elsewhere).</summary>
    /// <param name="bytes">Exactly <see cref="KeyLength"/> bytes; they are copied.</param>
    /// <returns>The key.</returns>
    public static MemoryEncryptionKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != KeyLength)
        {
            throw new ArgumentException($"An encryption key has {KeyLength} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new MemoryEncryptionKey(bytes.ToArray());
    }

    /// <summary>Reads a key file written by <see cref="WriteFile"/>.</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="MemoryEncryptionException">The file is missing, unreadable or not a key file; the message names it.</exception>
    public static MemoryEncryptionKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileLength)
            {
                throw Corrupted(path, $"it is {stream.Length} bytes long, far more than a key file");
            }

            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MemoryEncryptionException(
                MemoryEncryptionError.KeyFileMissing,
                $"The encryption key file '{path}' does not exist. Create one with 'memory-config memories keygen --output {path}', "
                + "or point backend.encryption_key_path at the key the store was encrypted with.",
                e,
                path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new MemoryEncryptionException(
                MemoryEncryptionError.KeyFileUnreadable,
                $"The encryption key file '{path}' cannot be read: {e.Message}",
                e,
                path);
        }

        return Parse(content, path);
    }

    /// <summary>
    /// Writes the key file: created with mode 0600 (owner read and write only) on Unix, its
    /// directory created if missing. The file is written beside its final name and moved into place,
    /// so a reader never sees half a key.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <param name="overwrite">Whether an existing file is replaced; if false, an existing file is an error.</param>
    /// <exception cref="MemoryEncryptionException">The file exists (and <paramref name="overwrite"/> is false) or cannot be written.</exception>
    public void WriteFile(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!overwrite && (File.Exists(fullPath) || Directory.Exists(fullPath)))
        {
            throw Exists(path, null);
        }

        var temporary = fullPath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        try
        {
            if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(FileHeader + "\n" + Convert.ToBase64String(_bytes) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite);
        }
        catch (IOException e) when (!overwrite && File.Exists(fullPath))
        {
            throw Exists(path, e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new MemoryEncryptionException(
                MemoryEncryptionError.KeyFileNotWritten,
                $"The encryption key file '{path}' cannot be written: {e.Message}",
                e,
                path);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Clears the key bytes from memory.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    private static MemoryEncryptionKey Parse(byte[] content, string path)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupted(path, "it is not text");
        }

        var lines = text.Split('\n').Select(line => line.TrimEnd('\r', ' ', '\t')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0 || !string.Equals(lines[0], FileHeader, StringComparison.Ordinal))
        {
            throw Corrupted(path, $"its first line is not '{FileHeader}'");
        }

        if (lines.Count != 2)
        {
            throw Corrupted(path, $"it has {lines.Count - 1} lines after the header instead of one line of base64");
        }

        var bytes = new byte[KeyLength + 3];
        if (!Convert.TryFromBase64String(lines[1], bytes, out var written) || written != KeyLength)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw Corrupted(path, $"its second line is not {KeyLength} bytes in base64");
        }

        var key = new MemoryEncryptionKey(bytes[..KeyLength]);
        CryptographicOperations.ZeroMemory(bytes);
        return key;
    }

    private static MemoryEncryptionException Corrupted(string path, string reason) => new(
        MemoryEncryptionError.KeyFileCorrupted,
        $"The encryption key file '{path}' is not a valid key file: {reason}. Restore the key from a backup; "
        + "a new key cannot read memories encrypted with the old one.",
        path: path);

    private static MemoryEncryptionException Exists(string path, Exception? inner) => new(
        MemoryEncryptionError.KeyFileNotWritten,
        $"The encryption key file '{path}' already exists; refusing to overwrite it (a store encrypted with it would become unreadable).",
        inner,
        path);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is only left behind if its directory became unwritable meanwhile.
        }
    }
}
