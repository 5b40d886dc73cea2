using System.Diagnostics.Metrics;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>What a <see cref="MemoryTriggerConfigManager"/> loads and how it watches for changes.</summary>
public sealed class MemoryTriggerConfigManagerOptions
{
    /// <summary>The default <see cref="Debounce"/>: 200 ms.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>The default <see cref="PollInterval"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default <see cref="FallbackPollInterval"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultFallbackPollInterval = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the configuration file (YAML). Required.</summary>
    public string ConfigPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the directory of policy files (<c>*.yaml</c>, <c>*.yml</c>), or <see langword="null"/> for no policies.</summary>
    public string? PolicyDirectory { get; set; }

    /// <summary>
    /// Gets or sets how files are loaded: <see cref="LoadOptions.EnvironmentVariables"/> (null reads the process's <c>MEMORY_*</c>
    /// variables at every reload), strictness and schema. The configuration's own <c>validation_strict: true</c> also makes the load strict.
    /// </summary>
    public LoadOptions LoadOptions { get; set; } = LoadOptions.Default;

    /// <summary>Gets or sets how changes are noticed.</summary>
    /// <value>The default is <see cref="ReloadMode.Watch"/>.</value>
    public ReloadMode Mode { get; set; } = ReloadMode.Watch;

    /// <summary>Gets or sets how long the files must stay quiet after a change event before they are reloaded; editors and deploys write in bursts.</summary>
    /// <value>The default is <see cref="DefaultDebounce"/>.</value>
    public TimeSpan Debounce { get; set; } = DefaultDebounce;

    /// <summary>Gets or sets the least time between the end of one applied reload and the start of the next one started by a change event.</summary>
    /// <value>The default is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan Cooldown { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the poll interval of <see cref="ReloadMode.Polling"/>, also used in <see cref="ReloadMode.Watch"/> while the watcher cannot run.</summary>
    /// <value>The default is <see cref="DefaultPollInterval"/>.</value>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>
    /// Gets or sets the interval of the safety poll that backs a running watcher in <see cref="ReloadMode.Watch"/>, catching
    /// changes whose events were lost; <see langword="null"/> turns it off.
    /// </summary>
    /// <value>The default is <see cref="DefaultFallbackPollInterval"/>.</value>
    public TimeSpan? FallbackPollInterval { get; set; } = DefaultFallbackPollInterval;

    /// <summary>
    /// Gets or sets the meter for the reload metrics (<c>memorytriggers.config.reloads</c>, <c>memorytriggers.config.last_reload_successful</c>);
    /// <see langword="null"/> makes the manager create and own a meter named <c>MemoryTriggers</c>.
    /// </summary>
    public Meter? Meter { get; set; }
}
