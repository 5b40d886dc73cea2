using System.Text.Json;
using MemoryTriggers.Tests.Actions.Http;
using MemoryTriggers.Tests.Memory.Mem0;

namespace MemoryTriggers.Cli.Tests;

/// <summary>
/// Issue 4's "done when": the specification's error_handler policy, run with --execute against an
/// error event, stores a real memory (in a SQLite file, and in the stand-in mem0 server), delivers
/// its alert to a webhook receiver, and <c>memories search</c> finds the memory.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime, IDisposable
{
    private const string KeyVariable = "MT_E2E_MEM0_KEY";

    private readonly MemoryWorkspace _workspace = new();
    private Mem0StandInServer _mem0 = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _mem0 = await Mem0StandInServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync(_ => Task.CompletedTask);
    }

    public async Task DisposeAsync()
    {
        await _mem0.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _workspace.Dispose();

    private static string SpecPolicies => Path.Combine(Repository.Root, "examples", "policies");

    private static string ErrorEvent => Path.Combine(Repository.Root, "examples", "contexts", "error-event.json");

    private static Dictionary<string, string?> Variables => new() { [KeyVariable] = Mem0StandInServer.Key, ["OPS_TOKEN"] = "s3cret" };

    private string Config(string name, string backend) => _workspace.Write(name, $"""
        environment: development
        monitoring:
          alerting_enabled: true
          alert_channels: [log, ops-webhook]
          alert_channel_settings:
            ops-webhook:
              type: webhook
              url: {_receiver.Url("/alerts")}
              headers:
                Authorization: "Bearer ${"{"}env:OPS_TOKEN{"}"}"
        security:
          webhook_allowed_hosts: ["127.0.0.1"]
        backend:
        {backend}
        """);

    private string LocalConfig() => Config("local.yaml", $"""
          backend_type: local
          backend_settings:
            local_storage_path: {_workspace.Database}
        """);

    private string Mem0Config() => Config("mem0.yaml", $"""
          backend_type: mem0
          max_retries: 0
          backend_settings:
            host: {_mem0.Address}
            api_key_env: {KeyVariable}
            user_id: e2e-user
        """);

    private static async Task<CliResult> ExecuteErrorHandlerAsync(string config)
    {
        var result = await CliRun.RunAsync(Variables, "policy", "test", "--policies", SpecPolicies, "--context", ErrorEvent, "--rule", "error_handler", "--execute", "--config", config, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return result;
    }

    /// <summary>Searches as the event's user: the memory action stores the context's user_id, and mem0 scopes by it.</summary>
    private static async Task<JsonElement> SearchAsync(string config)
    {
        var result = await CliRun.RunAsync(Variables, "memories", "search", "database connection refused", "--user", "user-42", "--config", config, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private void AssertOneAlertDelivered()
    {
        var alert = Assert.Single(_receiver.Requests);
        Assert.Equal(("POST", "/alerts"), (alert.Method, alert.Path));
        Assert.Equal("Bearer s3cret", alert.Headers["Authorization"]);
        using var body = JsonDocument.Parse(alert.Body);
        Assert.Equal("Memory created for error event", body.RootElement.GetProperty("message").GetString());
        Assert.Equal("error_handler", body.RootElement.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task ErrorHandler_LocalBackend_StoresTheMemoryInSqliteAlertsTheReceiverAndSearchFindsIt()
    {
        var config = LocalConfig();

        await ExecuteErrorHandlerAsync(config);
        var found = await SearchAsync(config);

        var memory = Assert.Single(found.GetProperty("memories").EnumerateArray());
        Assert.Equal("Error event: database connection refused", memory.GetProperty("content").GetString());
        Assert.Equal(["error", "incident"], memory.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("4", memory.GetProperty("metadata").GetProperty("severity").ToString());
        Assert.True(new FileInfo(_workspace.Database).Length > 0);
        AssertOneAlertDelivered();
    }

    [Fact]
    public async Task ErrorHandler_Mem0Backend_StoresTheMemoryInTheServerAlertsTheReceiverAndSearchFindsIt()
    {
        var config = Mem0Config();

        await ExecuteErrorHandlerAsync(config);
        var found = await SearchAsync(config);

        Assert.Equal(["Error event: database connection refused"], _mem0.StoredContents);
        var memory = Assert.Single(found.GetProperty("memories").EnumerateArray());
        Assert.Equal("Error event: database connection refused", memory.GetProperty("content").GetString());
        Assert.Equal("user-42", memory.GetProperty("user_id").GetString());
        AssertOneAlertDelivered();
    }

    [Fact]
    public async Task ErrorHandler_Mem0DownWithLocalFailover_KeepsTheMemoryAndReplaysItOnce()
    {
        var config = Config("failover.yaml", $"""
              backend_type: mem0
              max_retries: 0
              failover_enabled: true
              failover_backends: [local]
              backend_settings:
                host: {_mem0.Address}
                api_key_env: {KeyVariable}
                user_id: e2e-user
                local_storage_path: {_workspace.Database}
                failover_retry_interval: 0
            """);
        _mem0.Outage = Mem0StandInServer.OutageKind.ServiceUnavailable;

        await ExecuteErrorHandlerAsync(config);
        var duringOutage = await SearchAsync(config);
        _mem0.Outage = Mem0StandInServer.OutageKind.None;
        var afterRecovery = await SearchAsync(config);
        await SearchAsync(config);

        Assert.Single(duringOutage.GetProperty("memories").EnumerateArray());
        Assert.Single(afterRecovery.GetProperty("memories").EnumerateArray());
        Assert.Equal(["Error event: database connection refused"], _mem0.StoredContents);
    }
}
