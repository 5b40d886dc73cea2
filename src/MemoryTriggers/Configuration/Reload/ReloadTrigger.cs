namespace MemoryTriggers.Configuration.Reload;

/// <summary>What started a reload.</summary>
public enum ReloadTrigger
{
    /// <summary>A file system change event, after the debounce.</summary>
    FileChange,

    /// <summary>A poll: <see cref="ReloadMode.Polling"/>, the safety poll of <see cref="ReloadMode.Watch"/>, or polling while the watcher cannot run.</summary>
    Poll,

    /// <summary>A call to <see cref="MemoryTriggerConfigManager.ReloadNowAsync"/>.</summary>
    Explicit,
}
