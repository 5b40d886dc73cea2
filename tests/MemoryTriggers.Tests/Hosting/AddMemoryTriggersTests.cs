using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Deployment;
using MemoryTriggers.Hosting;
using MemoryTriggers.Memory;
using MemoryTriggers.Runtime;
using MemoryTriggers.Runtime.Queue;
using MemoryTriggers.Tests.Configuration.Reload;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MemoryTriggers.Tests.Hosting;

/// <summary>The "done when" of issue 5's hosting: a hosted service follows a deployed change without a restart and refuses a bad one while it keeps running.</summary>
public sealed class AddMemoryTriggersTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public AddMemoryTriggersTests() => _workspace.WriteAtomic(Config());

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private string Config(string logLevel = "INFO") =>
        ConfigWorkspace.Config(10, $"monitoring:\n  log_level: {logLevel}").Replace(
            "backend_type: local",
            $"backend_type: local\n  backend_settings:\n    local_storage_path: {Path.Combine(_workspace.Root, "store")}/",
            StringComparison.Ordinal);

    private IHost BuildHost(Microsoft.Extensions.Logging.ILoggerProvider? provider = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (provider is not null)
        {
            builder.Services.AddSingleton(provider);
        }

        builder.Services.AddMemoryTriggers(o =>
        {
            o.ConfigPath = _workspace.ConfigPath;
            o.PolicyDirectory = _workspace.PolicyDirectory;
            o.ReloadDebounce = TimeSpan.FromMilliseconds(50);
        });
        return builder.Build();
    }

    private static TriggerEvent Error(string id) => new()
    {
        Id = id,
        TriggerType = MemoryTriggerType.Error,
        Timestamp = DateTimeOffset.UnixEpoch,
        Payload = JsonSerializer.SerializeToElement(new { message = "disk full " + id }),
    };

    [Fact]
    public async Task Host_DeployedPolicyChange_AppliesWithoutRestartAndABadOneIsRefusedWhileItRuns()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<MemoryTriggerService>();
        var manager = host.Services.GetRequiredService<MemoryTriggerConfigManager>();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<MemoryTriggerConfig>>();
        var events = new ReloadEvents(manager);
        var changes = 0;
        using var subscription = monitor.OnChange((_, _) => Interlocked.Increment(ref changes));

        var before = await service.ProcessAsync(Error("1"));
        _workspace.WriteAtomic(ConfigWorkspace.Policy("keep_errors", "error", "Kept ${message}"), _workspace.PolicyPath("errors.yaml"));
        await events.ReloadAsync(1);
        var after = await service.ProcessAsync(Error("2"));
        _workspace.WriteAtomic("rules:\n  broken:\n    conditions: [}", _workspace.PolicyPath("errors.yaml"));
        var refused = await events.FailureAsync(1);
        var stillRunning = await service.ProcessAsync(Error("3"));
        await host.StopAsync();

        Assert.Equal(["remember_errors"], before.FiredRules);
        Assert.Equal(["keep_errors"], after.FiredRules);
        Assert.Equal(["keep_errors"], stillRunning.FiredRules);
        Assert.Contains(refused.Errors, i => i.File?.EndsWith("errors.yaml", StringComparison.Ordinal) == true && i.Line > 0);
        Assert.Equal(1, Volatile.Read(ref changes));
        Assert.False(manager.LastReloadSucceeded);
        var contents = (await host.Services.GetRequiredService<IMemoryStore>().ListAsync()).Select(m => m.Content).Order().ToList();
        Assert.Equal(["Kept disk full 2", "Kept disk full 3", "Saw disk full 1"], contents);
    }

    [Fact]
    public async Task Host_WatchingADeploymentRoot_RunsEachDeployedVersionAndKeepsRunningWhenADeployIsRefused()
    {
        var root = new DeploymentRoot(Path.Combine(_workspace.Root, "deploy"));
        var config = Config().Replace("environment: testing", "environment: development", StringComparison.Ordinal);
        DeploymentResult Deploy(string configText, string rule) => root.Deploy(new DeploymentRequest
        {
            Environment = MemoryTriggers.Configuration.Environment.Development,
            ConfigText = configText,
            PolicyFiles = new Dictionary<string, string> { ["errors.yaml"] = ConfigWorkspace.Policy(rule, "error") },
        });
        Assert.Equal(DeploymentOutcome.Deployed, Deploy(config, "first_rule").Outcome);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMemoryTriggers(o =>
        {
            o.ConfigPath = root.LiveConfigPath(MemoryTriggers.Configuration.Environment.Development);
            o.PolicyDirectory = root.LivePolicyDirectory(MemoryTriggers.Configuration.Environment.Development);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<MemoryTriggerService>();
        var events = new ReloadEvents(host.Services.GetRequiredService<MemoryTriggerConfigManager>());

        var before = await service.ProcessAsync(Error("1"));
        Assert.Equal(DeploymentOutcome.Deployed, Deploy(config, "second_rule").Outcome);
        await events.ReloadAsync(1);
        var after = await service.ProcessAsync(Error("2"));
        var refused = Deploy(config + "\nperformance_typo: 1\n", "third_rule");
        var stillRunning = await service.ProcessAsync(Error("3"));
        await host.StopAsync();

        Assert.Equal(["first_rule"], before.FiredRules);
        Assert.Equal(["second_rule"], after.FiredRules);
        Assert.NotEqual(DeploymentOutcome.Deployed, refused.Outcome);
        Assert.Equal(["second_rule"], stillRunning.FiredRules);
        Assert.Single(events.Reloads);
    }

    [Fact]
    public async Task Host_BackgroundProcessingOn_RunsEnqueuedEventsThroughTheOutboxAndDrainsOnStop()
    {
        _workspace.WriteAtomic(Config().Replace("background_processing_enabled: false", "background_processing_enabled: true", StringComparison.Ordinal));
        using var host = BuildHost();
        await host.StartAsync();
        var processor = host.Services.GetRequiredService<BackgroundEventProcessor>();

        var accepted = new List<EnqueueResult>();
        for (var i = 0; i < 20; i++)
        {
            accepted.Add(await processor.EnqueueAsync(Error(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var duplicate = await processor.EnqueueAsync(Error("0"));
        await host.StopAsync();

        Assert.All(accepted, r => Assert.True(r.IsAccepted, r.Message));
        Assert.Equal(EnqueueStatus.Duplicate, duplicate.Status);
        Assert.Equal(20, (await host.Services.GetRequiredService<IMemoryStore>().ListAsync()).Count);
        Assert.True(File.Exists(Path.Combine(_workspace.Root, "store", MemoryTriggersServiceCollectionExtensions.OutboxFileName)));
    }

    [Fact]
    public async Task Host_BackgroundProcessingOff_DoesNotStartTheQueueAndSaysSo()
    {
        using var host = BuildHost();
        await host.StartAsync();

        var result = await host.Services.GetRequiredService<BackgroundEventProcessor>().EnqueueAsync(Error("x"));
        await host.StopAsync();

        Assert.Equal((EnqueueStatus.Rejected, EnqueueRejectReason.NotRunning), (result.Status, result.Reason));
    }

    [Fact]
    public async Task Host_ConfigEditChangingLogLevel_MonitorAndLogFilterFollow()
    {
        using var host = BuildHost(new EverythingProvider());
        await host.StartAsync();
        var manager = host.Services.GetRequiredService<MemoryTriggerConfigManager>();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<MemoryTriggerConfig>>();
        var factory = host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        var logger = factory.CreateLogger("MemoryTriggers.Runtime.Test");
        var appLogger = factory.CreateLogger("MyApp.Orders");
        var events = new ReloadEvents(manager);
        var infoBefore = logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information);

        _workspace.WriteAtomic(Config("ERROR"));
        await events.ReloadAsync(1);
        await host.StopAsync();

        Assert.True(infoBefore);
        Assert.Equal("ERROR", monitor.CurrentValue.Monitoring.LogLevel);
        Assert.False(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error));
        Assert.True(appLogger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
    }

    [Fact]
    public async Task Host_ConfigWithErrors_FailsToStartNamingTheLine()
    {
        _workspace.WriteAtomic(Config() + "\nperformance_typo: 3\n");
        using var host = BuildHost();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Contains("config.yaml:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryTriggerSystem_InitializeThenGetConfig_FollowsTheFile()
    {
        Assert.Throws<InvalidOperationException>(() => { MemoryTriggerSystem.Shutdown(); return MemoryTriggerSystem.GetConfig(); });

        var manager = MemoryTriggerSystem.Initialize(_workspace.ConfigPath, _workspace.PolicyDirectory);
        try
        {
            Assert.Same(manager, MemoryTriggerSystem.GetConfigManager());
            Assert.Equal(MemoryTriggers.Configuration.Environment.Testing, MemoryTriggerSystem.GetConfig().Environment);
            Assert.Equal(["remember_errors"], MemoryTriggerSystem.GetPolicies().Rules.Select(r => r.Name));
        }
        finally
        {
            MemoryTriggerSystem.Shutdown();
        }
    }

    /// <summary>A logging provider whose loggers take every level, so only the filters decide.</summary>
    private sealed class EverythingProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Everything();

        public void Dispose()
        {
        }

        private sealed class Everything : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
