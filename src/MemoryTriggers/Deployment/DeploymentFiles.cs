using System.Text;

namespace MemoryTriggers.Deployment;

/// <summary>
/// File operations of the deployment root: reads that fail with a message naming the file, and
/// writes that are atomic (a flushed temporary file in the same directory, then one rename), so a
/// watcher sees the old content or the new, and reloads once.
/// </summary>
internal static class DeploymentFiles
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The suffix of temporary files; they never look like policy or configuration files.</summary>
    public const string TempSuffix = ".tmp";

    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeploymentException($"{path}: {what} does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DeploymentException($"{path}: {what} cannot be read: {ex.Message}", ex);
        }
    }

    public static void WriteAtomic(string path, string text) => WriteAtomic(path, Utf8.GetBytes(text));

    /// <summary>Writes a file atomically; with <paramref name="ownerOnly"/>, readable and writable by its owner only (on Unix).</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> bytes, bool ownerOnly = false)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (ownerOnly && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes only when the content differs, so that an unchanged file raises no change event.</summary>
    /// <returns>Whether the file was written.</returns>
    public static bool WriteIfChanged(string path, string text)
    {
        var bytes = Utf8.GetBytes(text);
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                return false;
            }
        }
        catch (IOException)
        {
            // Unreadable: rewrite it.
        }

        WriteAtomic(path, bytes);
        return true;
    }

    /// <summary>Appends one line and flushes it to disk; a last line cut by a crash is ended first, so it cannot swallow this one.</summary>
    public static void AppendLine(string path, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        var cut = false;
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            cut = stream.ReadByte() != '\n';
        }

        stream.Seek(0, SeekOrigin.End);
        var bytes = Utf8.GetBytes((cut ? "\n" : string.Empty) + line + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Deletes the temporary files an interrupted write left in a directory.</summary>
    public static void DeleteTempFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "." + "*" + TempSuffix))
        {
            File.Delete(file);
        }
    }
}
