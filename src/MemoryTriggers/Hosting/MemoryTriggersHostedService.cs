using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Lifecycle;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryTriggers.Hosting;

/// <summary>
/// Starts what runs in the background once the host starts: resolves the service (so a bad
/// configuration stops the host at start, with every error), logs reloads and refusals, runs
/// lifecycle cleanup every <c>cleanup_interval_hours</c> when <c>auto_cleanup_enabled</c>, and
/// starts the background queue when background processing is on (draining it on stop).
/// </summary>
internal sealed class MemoryTriggersHostedService(
    MemoryTriggerConfigManager manager,
    MemoryTriggerService service,
    IMemoryStore store,
    IServiceProvider services,
    IOptions<MemoryTriggersOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private BackgroundEventProcessor? _processor;

    private readonly ILogger _logger = loggers.CreateLogger("MemoryTriggers.Hosting");
    private CancellationTokenSource? _stopping;
    private Task _cleanup = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        manager.Reloaded += OnReloaded;
        manager.ReloadFailed += OnReloadFailed;
        var snapshot = manager.Current;
        HostingLog.Started(_logger, snapshot.Version, snapshot.Config.Environment, snapshot.Policies.Rules.Count, manager.IsWatching || manager.IsPolling);
        _stopping = new CancellationTokenSource();
        var cleaner = new MemoryLifecycleCleaner(store, service.Config.Lifecycle, time, loggers.CreateLogger<MemoryLifecycleCleaner>());
        _cleanup = Task.Run(() => cleaner.RunPeriodicallyAsync(_stopping.Token), CancellationToken.None);
        var config = snapshot.Config;
        if (config.Performance.BackgroundProcessingEnabled && config.IsFeatureEnabled(FeatureFlags.BackgroundProcessing))
        {
            _processor = services.GetRequiredService<BackgroundEventProcessor>();
            await _processor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        manager.Reloaded -= OnReloaded;
        manager.ReloadFailed -= OnReloadFailed;
        if (_processor is not null)
        {
            var stopped = await _processor.StopAsync(options.Value.ShutdownDrainTimeout, cancellationToken).ConfigureAwait(false);
            if (!stopped.Drained)
            {
                HostingLog.LeftPending(_logger, stopped.LeftPending);
            }
        }

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
