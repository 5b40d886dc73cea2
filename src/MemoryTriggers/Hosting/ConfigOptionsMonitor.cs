using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using Microsoft.Extensions.Options;

namespace MemoryTriggers.Hosting;

/// <summary>
/// <see cref="IOptionsMonitor{TOptions}"/> over the config manager: <see cref="CurrentValue"/> is the
/// configuration in force, and listeners hear only of successful reloads (never of a refused edit,
/// and never with an emptied or half-read configuration).
/// </summary>
internal sealed class ConfigOptionsMonitor : IOptionsMonitor<MemoryTriggerConfig>
{
    private readonly MemoryTriggerConfigManager _manager;

    public ConfigOptionsMonitor(MemoryTriggerConfigManager manager) => _manager = manager;

    public MemoryTriggerConfig CurrentValue => _manager.Config;

    public MemoryTriggerConfig Get(string? name) => _manager.Config;

    public IDisposable? OnChange(Action<MemoryTriggerConfig, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        void Handler(object? sender, ConfigReloadedEventArgs e) => listener(e.Current.Config, Options.DefaultName);
        _manager.Reloaded += Handler;
        return new Subscription(() => _manager.Reloaded -= Handler);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
