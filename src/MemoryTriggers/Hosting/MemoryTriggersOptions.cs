using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;

namespace MemoryTriggers.Hosting;

/// <summary>What <see cref="MemoryTriggersServiceCollectionExtensions.AddMemoryTriggers"/> loads and how it watches it.</summary>
public sealed class MemoryTriggersOptions
{
    /// <summary>Gets or sets the configuration file (YAML). Required.</summary>
    public string ConfigPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the policy directory; none if null.</summary>
    public string? PolicyDirectory { get; set; }

    /// <summary>Gets or sets how the files are watched (when <c>auto_reload</c> and <c>features.hot_reloading</c> are on).</summary>
    public ReloadMode ReloadMode { get; set; } = ReloadMode.Watch;

    /// <summary>Gets or sets how long the watcher waits for writes to settle.</summary>
    public TimeSpan ReloadDebounce { get; set; } = MemoryTriggerConfigManagerOptions.DefaultDebounce;

    /// <summary>Gets or sets the environment variables overrides come from; the process environment if null.</summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; set; }

    /// <summary>
    /// Gets or sets the durable outbox of background processing; if null, <c>memory-triggers.outbox.db</c>
    /// beside the local store (the directory of <c>backend_settings.local_storage_path</c>).
    /// </summary>
    public string? OutboxPath { get; set; }

    /// <summary>Gets or sets what <see cref="Runtime.Queue.BackgroundEventProcessor.EnqueueAsync"/> does when the queue is full.</summary>
    public Runtime.Queue.QueueFullMode QueueFullMode { get; set; } = Runtime.Queue.QueueFullMode.Wait;

    /// <summary>Gets or sets how long stopping the host waits for queued events to drain.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal LoadOptions LoadOptions => EnvironmentVariables is null ? LoadOptions.Default : new LoadOptions { EnvironmentVariables = EnvironmentVariables };
}
