namespace MemoryTriggers.Configuration.Reload;

/// <summary>Data of <see cref="MemoryTriggerConfigManager.Reloaded"/>: a new snapshot is in force.</summary>
public sealed class ConfigReloadedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="ConfigReloadedEventArgs"/> class.</summary>
    /// <param name="trigger">What started the reload.</param>
    /// <param name="previous">The snapshot that was replaced.</param>
    /// <param name="current">The new snapshot.</param>
    /// <param name="changes">What changed.</param>
    public ConfigReloadedEventArgs(ReloadTrigger trigger, MemoryTriggerSnapshot previous, MemoryTriggerSnapshot current, ConfigChangeSummary changes)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        Trigger = trigger;
        Previous = previous;
        Current = current;
        Changes = changes;
    }

    /// <summary>Gets what started the reload.</summary>
    public ReloadTrigger Trigger { get; }

    /// <summary>Gets the snapshot that was replaced.</summary>
    public MemoryTriggerSnapshot Previous { get; }

    /// <summary>Gets the new snapshot, which was already in force when the event was raised.</summary>
    public MemoryTriggerSnapshot Current { get; }

    /// <summary>Gets what changed.</summary>
    public ConfigChangeSummary Changes { get; }
}
