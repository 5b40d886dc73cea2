using System.Diagnostics.Metrics;
using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryTriggers.Hosting;

/// <summary>Registers MemoryTriggers with a Microsoft.Extensions.DependencyInjection container.</summary>
public static class MemoryTriggersServiceCollectionExtensions
{
    /// <summary>The outbox file name used when <see cref="MemoryTriggersOptions.OutboxPath"/> is not set.</summary>
    public const string OutboxFileName = "memory-triggers.outbox.db";

    /// <summary>
    /// Registers the config manager (<see cref="MemoryTriggerConfigManager"/>: loads and watches the
    /// configuration and policies, keeping the last good ones), an
    /// <see cref="IOptionsMonitor{TOptions}"/> of <see cref="MemoryTriggerConfig"/> that changes only after
    /// a successful reload, the memory store the configuration names, the
    /// <see cref="MemoryTriggerService"/> (which follows every successful reload), the webhook and mem0
    /// HTTP clients, <see cref="MemoryTriggersMetrics"/> on <see cref="IMeterFactory"/>, a log filter from
    /// <c>monitoring.log_level</c>, a <see cref="BackgroundEventProcessor"/> over a durable outbox
    /// (started by the host when <c>performance.background_processing_enabled</c> and
    /// <c>features.background_processing</c> are on, drained within
    /// <see cref="MemoryTriggersOptions.ShutdownDrainTimeout"/> when it stops), and a hosted service
    /// that runs lifecycle cleanup (when <c>auto_cleanup_enabled</c>). A configuration with errors fails the first resolution with a
    /// <see cref="ConfigurationException"/> naming every file and line.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the configuration file, policy directory and reload settings.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddMemoryTriggers(this IServiceCollection services, Action<MemoryTriggersOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MemoryTriggersOptions>().Configure(configure).Validate(o => !string.IsNullOrWhiteSpace(o.ConfigPath), "MemoryTriggersOptions.ConfigPath is required.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddLogging();
        var levels = new LogLevelSwitch();
        services.TryAddSingleton(levels);
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "MemoryTriggers", null, (_, category, level) => levels.Allows(category, level))));
        PolicyActionExecutors.AddHttpClient(services);
        services.AddHttpClient(MemoryStoreFactory.Mem0HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton(sp => new MemoryTriggersMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MemoryTriggersOptions>>().Value;
            var manager = new MemoryTriggerConfigManager(
                new MemoryTriggerConfigManagerOptions
                {
                    ConfigPath = options.ConfigPath,
                    PolicyDirectory = options.PolicyDirectory,
                    LoadOptions = options.LoadOptions,
                    Mode = options.ReloadMode,
                    Debounce = options.ReloadDebounce,
                    Meter = sp.GetRequiredService<MemoryTriggersMetrics>().Meter,
                },
                sp.GetService<ILogger<MemoryTriggerConfigManager>>(),
                sp.GetRequiredService<TimeProvider>());
            levels.Level = LogLevelSwitch.Parse(manager.Config.Monitoring.LogLevel);
            manager.Reloaded += (_, e) => levels.Level = LogLevelSwitch.Parse(e.Current.Config.Monitoring.LogLevel);
            return manager;
        });
        services.TryAddSingleton<IOptionsMonitor<MemoryTriggerConfig>>(sp => new ConfigOptionsMonitor(sp.GetRequiredService<MemoryTriggerConfigManager>()));
        services.TryAddSingleton<IMemoryStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MemoryTriggersOptions>>().Value;
            var factory = new MemoryStoreFactory(
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>(),
                Environment(options));
            var store = factory.OpenAsync(sp.GetRequiredService<MemoryTriggerConfigManager>().Config).GetAwaiter().GetResult();

            // Memories created while the background queue runs an event carry its id, so a replay finds them instead of creating another.
            return new EventIdempotentMemoryStore(store, ownsInner: true);
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MemoryTriggersOptions>>().Value;
            var config = sp.GetRequiredService<MemoryTriggerConfigManager>().Config;
            var path = options.OutboxPath ?? Path.Combine(Path.GetDirectoryName(MemoryStoreFactory.JournalPath(config.Backend)) ?? ".", OutboxFileName);
            var outbox = EventOutbox.OpenAsync(new EventOutboxOptions { Path = path }, sp.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult();
            return new BackgroundEventProcessor(sp.GetRequiredService<MemoryTriggerService>(), outbox, new BackgroundEventProcessorOptions
            {
                FullMode = options.QueueFullMode,
                ShutdownDeadline = options.ShutdownDrainTimeout,
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            });
        });
        services.TryAddSingleton(sp => CreateService(sp));
        services.AddHostedService<MemoryTriggersHostedService>();
        return services;
    }

    private static MemoryTriggerService CreateService(IServiceProvider sp)
    {
        var manager = sp.GetRequiredService<MemoryTriggerConfigManager>();
        var options = sp.GetRequiredService<IOptions<MemoryTriggersOptions>>().Value;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<MemoryTriggerService>();
        MemoryTriggerService? service = null;

        // Subscribe before reading the snapshot, so a reload in between is applied, not missed.
        manager.Reloaded += (_, e) =>
        {
            if (Volatile.Read(ref service) is { } current)
            {
                Apply(current, e.Current, logger);
            }
        };
        var snapshot = manager.Current;
        var created = new MemoryTriggerService(snapshot.Config, snapshot.Policies, sp.GetRequiredService<IMemoryStore>(), new MemoryTriggerServiceOptions
        {
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            HttpClientFactory = sp.GetRequiredService<IHttpClientFactory>(),
            Metrics = sp.GetRequiredService<MemoryTriggersMetrics>(),
            EnvironmentVariable = Environment(options),
        });
        Volatile.Write(ref service, created);
        if (!ReferenceEquals(manager.Current, snapshot))
        {
            Apply(created, manager.Current, logger);
        }

        return created;
    }

    private static void Apply(MemoryTriggerService service, MemoryTriggerSnapshot snapshot, ILogger logger)
    {
        if (!Equals(service.Config.Backend, snapshot.Config.Backend))
        {
            HostingLog.BackendChangeNeedsRestart(logger, snapshot.Version);
        }

        var issues = service.Apply(snapshot.Config, snapshot.Policies);
        if (issues.Any(i => i.IsError))
        {
            HostingLog.PoliciesRefused(logger, snapshot.Version, string.Join("; ", issues.Where(i => i.IsError)));
        }
    }

    private static Func<string, string?> Environment(MemoryTriggersOptions options) =>
        options.EnvironmentVariables is { } variables ? name => variables.GetValueOrDefault(name) : System.Environment.GetEnvironmentVariable;
}
