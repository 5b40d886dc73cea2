using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Lifecycle;
using MemoryTriggers.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Hosting;

/// <summary>
/// Starts what runs in the background once the host starts: resolves the service (so a bad
/// configuration stops the host at start, with every error), logs reloads and refusals, and runs
/// lifecycle cleanup every <c>cleanup_interval_hours</c> when <c>auto_cleanup_enabled</c>.
/// </summary>
internal sealed class MemoryTriggersHostedService(
    MemoryTriggerConfigManager manager,
    MemoryTriggerService service,
    IMemoryStore store,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger("MemoryTriggers.Hosting");
    private CancellationTokenSource? _stopping;
    private Task _cleanup = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        manager.Reloaded += OnReloaded;
        manager.ReloadFailed += OnReloadFailed;
        var snapshot = manager.Current;
        HostingLog.Started(_logger, snapshot.Version, snapshot.Config.Environment, snapshot.Policies.Rules.Count, manager.IsWatching || manager.IsPolling);
        _stopping = new CancellationTokenSource();
        var cleaner = new MemoryLifecycleCleaner(store, service.Config.Lifecycle, time, loggers.CreateLogger<MemoryLifecycleCleaner>());
        _cleanup = Task.Run(() => cleaner.RunPeriodicallyAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        manager.Reloaded -= OnReloaded;
        manager.ReloadFailed -= OnReloadFailed;
        if (_stopping is not null)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _cleanup.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping?.Dispose();

    private void OnReloaded(object? sender, ConfigReloadedEventArgs e) => HostingLog.Reloaded(_logger, e.Changes);

    private void OnReloadFailed(object? sender, ConfigReloadFailedEventArgs e) =>
        HostingLog.Refused(_logger, e.Current.Version, e.Errors);
}
