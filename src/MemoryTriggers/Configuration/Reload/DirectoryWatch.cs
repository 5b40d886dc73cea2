namespace MemoryTriggers.Configuration.Reload;

/// <summary>
/// File system watchers on directories, never on files: an editor that saves by writing a temporary file and
/// renaming it over the original, and a Kubernetes ConfigMap whose <c>..data</c> symlink is swapped, both show up
/// as events in the directory, while a watch on the file itself would follow the replaced inode and go quiet.
/// One watcher per distinct directory keeps the process within its inotify limits.
/// </summary>
internal sealed class DirectoryWatch : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Action<string, Exception> _failed;

    /// <summary>Starts watching; throws (IOException, ArgumentException, ...) when a directory cannot be watched.</summary>
    /// <param name="targets">Each directory, the test of which names in it matter, and what to call (on the watcher's thread, quickly) when one changes.</param>
    /// <param name="failed">Called when a watcher reports an error (such as an event buffer overflow); the watch is then unreliable.</param>
    public DirectoryWatch(IEnumerable<(string Directory, Func<string, bool> IsRelevant, Action Changed)> targets, Action<string, Exception> failed)
    {
        _failed = failed;
        try
        {
            foreach (var group in targets.GroupBy(t => t.Directory, PathComparer))
            {
                var parts = group.ToArray();
                Add(group.Key, names =>
                {
                    foreach (var part in parts)
                    {
                        if (names.Any(name => name is null || part.IsRelevant(name)))
                        {
                            part.Changed();
                        }
                    }
                });
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets how file names compare on this platform.</summary>
    public static StringComparer PathComparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>Gets the watched directories.</summary>
    public IReadOnlyList<string> Directories => _watchers.Select(w => w.Path).ToArray();

    /// <summary>Tells whether a name is part of a Kubernetes ConfigMap's atomic-swap machinery (<c>..data</c>, <c>..2024_01_01_…</c>).</summary>
    public static bool IsAtomicSwapName(string name) => name.StartsWith("..", StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private void Add(string directory, Action<string?[]> onNames)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        _watchers.Add(watcher);
        FileSystemEventHandler onEvent = (_, e) => onNames([e.Name]);
        watcher.Changed += onEvent;
        watcher.Created += onEvent;
        watcher.Deleted += onEvent;
        watcher.Renamed += (_, e) => onNames([e.Name, e.OldName]);
        watcher.Error += (_, e) => _failed(directory, e.GetException());
        watcher.EnableRaisingEvents = true;
    }
}
