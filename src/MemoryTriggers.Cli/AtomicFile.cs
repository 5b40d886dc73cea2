using System.Text;

namespace MemoryTriggers.Cli;

/// <summary>Writes files so that readers see the old content or the new, never a mix: a temporary file, then a rename.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temp = TempBeside(path, out var full);
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Streams the content through <paramref name="write"/>; the file appears only if it completes.</summary>
    public static async Task WriteAsync(string path, Func<TextWriter, Task> write)
    {
        var temp = TempBeside(path, out var full);
        try
        {
            var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
            {
                await write(writer).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string TempBeside(string path, out string full)
    {
        full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }
}
