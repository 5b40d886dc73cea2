using System.Collections.Concurrent;
using System.Diagnostics;
using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Actions.Executors;
using MemoryTriggers.Tests.Actions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Actions;

public sealed class PolicyActionExecutorsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> s_noVariables = [];

    private readonly string _directory = Directory.CreateTempSubdirectory("memory-triggers-actions-").FullName;
    private readonly RecordingLogger _logger = new();
    private readonly ConcurrentQueue<long> _arrivals = new();
    private IMemoryStore? _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string DatabasePath => Path.Combine(_directory, "memories.db");

    /// <summary>Writes a configuration file for a local store in the temp directory and loads it as the CLI would.</summary>
    private MemoryTriggerConfig LoadConfig(string allowedHosts, string monitoring = "")
    {
        var path = Path.Combine(_directory, "config.yaml");
        File.WriteAllText(path, $"""
            environment: development
            validation_strict: true
            backend:
              backend_type: local
              pool_size: 1
              backend_settings:
                local_storage_path: {DatabasePath}
            security:
              webhook_allowed_hosts: {allowedHosts}
            {monitoring}
            """);
        var report = ConfigurationLoader.Load(path, new LoadOptions { EnvironmentVariables = s_noVariables });
        Assert.True(report.Valid, string.Join("\n", report.Issues));
        return report.Config!;
    }

    private async Task<PolicyEngine> EngineAsync(MemoryTriggerConfig config, PolicySet policies, Dictionary<string, string?>? variables = null)
    {
        _store = await MemoryStoreFactory.CreateDefault().OpenAsync(config);
        var executors = PolicyActionExecutors.Create(
            config, _store, PolicyActionExecutors.CreateDefaultHttpClientFactory(), new OneLoggerFactory(_logger), TimeProvider.System, name => (variables ?? []).GetValueOrDefault(name));
        return new PolicyEngine(policies, new PolicyEngineOptions { Executors = executors });
    }

    private static PolicySet Webhook(Uri url, int retryCount = 0, double retryDelay = 0, double? timeout = null) => Set(Rule("hook", Always()).Do(
        Action(PolicyActionType.ExecuteWebhook, ("url", url.ToString()), ("data", Map(("agent", "${agent_id}")))) with
        {
            RetryCount = retryCount,
            RetryDelay = retryDelay,
            Timeout = timeout,
        }));

    private static async Task<ActionResult> RunOneAsync(PolicyEngine engine)
    {
        var decision = await engine.ExecuteRulesAsync(new Dictionary<string, object?> { ["agent_id"] = "researcher" });
        return Assert.Single(Assert.Single(decision.Results).Actions);
    }

    private Func<HttpContext, Task> Statuses(params int[] statuses)
    {
        var count = 0;
        return context =>
        {
            _arrivals.Enqueue(Stopwatch.GetTimestamp());
            var index = Interlocked.Increment(ref count) - 1;
            context.Response.StatusCode = statuses[Math.Min(index, statuses.Length - 1)];
            if (context.Response.StatusCode == 503)
            {
                context.Response.Headers.RetryAfter = "0";
            }

            return Task.CompletedTask;
        };
    }

    [Fact]
    public async Task Webhook_503Then200_RetriesOnceAndSucceeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Statuses(503, 200));
        var engine = await EngineAsync(LoadConfig("[127.0.0.1]"), Webhook(receiver.Url("/hook"), retryCount: 3));

        var result = await RunOneAsync(engine);

        Assert.Equal(ActionStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("""{"agent":"researcher"}""", r.Body));
    }

    [Fact]
    public async Task Webhook_400_IsNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Statuses(400, 200));
        var engine = await EngineAsync(LoadConfig("[127.0.0.1]"), Webhook(receiver.Url("/hook"), retryCount: 3));

        var result = await RunOneAsync(engine);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Single(receiver.Requests);
        Assert.EndsWith("answered with status 400; not retried.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_RetryAfter_WaitsAtLeastThatLongBeforeTheRetry()
    {
        var count = 0;
        await using var receiver = await WebhookReceiver.StartAsync(context =>
        {
            _arrivals.Enqueue(Stopwatch.GetTimestamp());
            if (Interlocked.Increment(ref count) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        });
        var engine = await EngineAsync(LoadConfig("[127.0.0.1]"), Webhook(receiver.Url("/hook"), retryCount: 1, retryDelay: 0));

        var result = await RunOneAsync(engine);

        Assert.Equal(ActionStatus.Succeeded, result.Status);
        var arrivals = _arrivals.ToArray();
        Assert.Equal(2, arrivals.Length);

        // A lower bound only: a slow machine makes the gap longer, never shorter.
        Assert.True(Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]) >= TimeSpan.FromMilliseconds(900), $"retried after {Stopwatch.GetElapsedTime(arrivals[0], arrivals[1])}");
    }

    [Fact]
    public async Task Webhook_SlowerThanItsTimeout_FailsAsTimedOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var engine = await EngineAsync(LoadConfig("[127.0.0.1]"), Webhook(receiver.Url("/slow"), timeout: 0.3));

        var result = await RunOneAsync(engine);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_HostNotInAllowList_IsRefusedBeforeAnyRequestAndNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Statuses(200));
        var engine = await EngineAsync(LoadConfig("[hooks.example.com]"), Webhook(receiver.Url("/hook"), retryCount: 3));

        var result = await RunOneAsync(engine);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal("execute_webhook: the host '127.0.0.1' is not in security.webhook_allowed_hosts; add '127.0.0.1' to that list.", result.Error);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Webhook_EmptyAllowList_ReachesLoopbackOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Statuses(200));
        var engine = await EngineAsync(LoadConfig("[]"), Set(
            Rule("local", Always()).Do(Action(PolicyActionType.ExecuteWebhook, ("url", receiver.Url("/hook").ToString()))),
            Rule("remote", Always()).Do(Action(PolicyActionType.ExecuteWebhook, ("url", "https://hooks.example.com/x")))));

        var decision = await engine.ExecuteRulesAsync(new Dictionary<string, object?>());

        Assert.Equal(ActionStatus.Succeeded, decision.Results.Single(r => r.Rule == "local").Actions[0].Status);
        Assert.Contains("allows loopback hosts only", decision.Results.Single(r => r.Rule == "remote").Actions[0].Error, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Create_FromConfigFile_WiresStoreAlertChannelsAndLog()
    {
        await using var alerts = await WebhookReceiver.StartAsync(Statuses(200));
        var config = LoadConfig("[127.0.0.1]", $$"""
            monitoring:
              alerting_enabled: true
              alert_channels: [log, ops]
              alert_channel_settings:
                ops:
                  type: webhook
                  url: {{alerts.Url("/alerts")}}
                  headers:
                    Authorization: "Bearer ${env:OPS_TOKEN}"
                  timeout_seconds: 5
            """);
        var errorHandler = Set(Rule("error_handler", Always()).Do(
            Action(PolicyActionType.CreateMemory, ("content", "Error event: ${error_message}"), ("tags", List("error", "incident"))) with { Priority = 1 },
            Action(PolicyActionType.TriggerAlert, ("alert_type", "error"), ("message", "Memory created for error event"), ("data", Map(("memory_id", "${actions.create_memory.memory_id}")))) with { Priority = 2 },
            Action(PolicyActionType.LogEvent, ("level", "warning"), ("message", "handled ${error_message}")) with { Priority = 3 }));
        var engine = await EngineAsync(config, errorHandler, new() { ["OPS_TOKEN"] = "t0ken" });

        var decision = await engine.ExecuteRulesAsync(new Dictionary<string, object?> { ["event_type"] = "error", ["error_message"] = "disk full" });

        var actions = Assert.Single(decision.Results).Actions;
        Assert.All(actions, a => Assert.Equal(ActionStatus.Succeeded, a.Status));
        var memoryId = (string)actions[0].Output["memory_id"]!;
        var stored = await _store!.GetAsync(memoryId);
        Assert.Equal("Error event: disk full", stored!.Content);
        Assert.True(File.Exists(DatabasePath));

        var alert = Assert.Single(alerts.Requests);
        Assert.Equal("Bearer t0ken", alert.Headers["Authorization"]);
        Assert.Contains($"\"context\":{{\"memory_id\":\"{memoryId}\"}}", alert.Body, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"error\"", alert.Body, StringComparison.Ordinal);
        Assert.Equal(true, actions[1].Output["delivered"]);

        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Memory created for error event", StringComparison.Ordinal));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message == "Policy error_handler event: handled disk full");
    }

    [Fact]
    public void Create_MalformedAllowedHost_Throws() =>
        Assert.Throws<ArgumentException>(() => PolicyActionExecutors.Create(
            new MemoryTriggerConfig { Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(["https://x.example.com"]) } },
            new InMemoryMemoryStore(TimeProvider.System),
            PolicyActionExecutors.CreateDefaultHttpClientFactory(),
            new OneLoggerFactory(new RecordingLogger()),
            TimeProvider.System));

    private sealed class OneLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
