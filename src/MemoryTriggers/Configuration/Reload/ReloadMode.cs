namespace MemoryTriggers.Configuration.Reload;

/// <summary>How a <see cref="MemoryTriggerConfigManager"/> notices that its files changed.</summary>
public enum ReloadMode
{
    /// <summary>
    /// File system change events on the directories of the configuration file and the policy directory,
    /// debounced; backed by a slow safety poll (<see cref="MemoryTriggerConfigManagerOptions.FallbackPollInterval"/>)
    /// and by polling at <see cref="MemoryTriggerConfigManagerOptions.PollInterval"/> while the watcher cannot run.
    /// </summary>
    Watch,

    /// <summary>Reads and hashes the files every <see cref="MemoryTriggerConfigManagerOptions.PollInterval"/>; for file systems without change events (some bind mounts and network shares).</summary>
    Polling,

    /// <summary>No automatic reloads; only <see cref="MemoryTriggerConfigManager.ReloadNowAsync"/> reloads.</summary>
    Manual,
}
