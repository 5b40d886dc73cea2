using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Tests.Actions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class ChannelAlertSinkTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = new(HttpWebhookSender.CreateHandler());
    private readonly RecordingLogger _logger = new();

    public void Dispose() => _client.Dispose();

    private static Alert NewAlert(string urgency = "high", params string[] channels) => new()
    {
        Type = "error_spike",
        Message = "5 errors in a minute",
        Urgency = urgency,
        Channels = ValueList<string>.From(channels),
        Rule = "errors",
        DecisionId = "d-9",
        At = Now,
        Data = Map(("count", 5L), ("agent", "researcher")),
    };

    private static AlertChannelConfig Hook(WebhookReceiver receiver, string path = "/alerts") => new() { Url = receiver.Url(path).ToString() };

    private static MemoryTriggerConfig Config(bool alerting, string[] channels, params (string Name, AlertChannelConfig Channel)[] settings) => new()
    {
        Environment = MemoryTriggers.Configuration.Environment.Staging,
        Monitoring = new MonitoringConfig
        {
            AlertingEnabled = alerting,
            AlertChannels = ValueList<string>.From(channels),
            AlertChannelSettings = ValueMap<AlertChannelConfig>.From(settings.Select(s => new KeyValuePair<string, AlertChannelConfig>(s.Name, s.Channel))),
        },
        Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(["127.0.0.1"]) },
    };

    private ChannelAlertSink Sink(MemoryTriggerConfig config, Dictionary<string, string?>? variables = null) => new(
        config,
        new HttpWebhookSender(_client, new HttpWebhookSenderOptions { AllowedHosts = [.. config.Security.WebhookAllowedHosts], ActionName = "trigger_alert" }),
        _logger,
        name => (variables ?? []).GetValueOrDefault(name));

    private static Task Answer(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SendAsync_WebhookChannel_PostsTheAlertJsonWithItsHeaders()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 202));
        var channel = Hook(receiver) with { Headers = ValueMap<object?>.Empty.SetItem("Authorization", "Bearer ${env:OPS_TOKEN}").SetItem("X-Team", "memory") };
        var config = Config(true, ["ops"], ("ops", channel));

        var delivery = await Sink(config, new() { ["OPS_TOKEN"] = "s3cret" }).SendAsync(NewAlert(), CancellationToken.None);

        Assert.Equal(AlertDelivery.To("log", "ops"), delivery);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/alerts", received.Path);
        Assert.Equal("Bearer s3cret", received.Headers["Authorization"]);
        Assert.Equal("memory", received.Headers["X-Team"]);
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal(
            """{"name":"error_spike","severity":"error","urgency":"high","message":"5 errors in a minute","rule":"errors","decision_id":"d-9","timestamp":"2025-03-01T12:00:00.000Z","environment":"staging","channel":"ops","context":{"count":5,"agent":"researcher"}}""",
            received.Body);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
    }

    [Fact]
    public async Task SendAsync_AlertingDisabled_OnlyLogsAndSendsNoRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(false, ["ops"], ("ops", Hook(receiver)));

        var delivery = await Sink(config).SendAsync(NewAlert(), CancellationToken.None);

        Assert.Equal(new AlertDelivery { Delivered = ValueList<string>.From(["log"]), Skipped = ValueList<string>.From(["ops"]) }, delivery);
        Assert.Empty(receiver.Requests);
        Assert.Single(_logger.Entries);
    }

    [Fact]
    public async Task SendAsync_OneChannelFails_OthersAndTheLogStillGetIt()
    {
        await using var failing = await WebhookReceiver.StartAsync(c => Answer(c, 500));
        await using var working = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(true, ["broken", "ops"], ("broken", Hook(failing)), ("ops", Hook(working)));

        var delivery = await Sink(config).SendAsync(NewAlert(), CancellationToken.None);

        Assert.Equal(ValueList<string>.From(["log", "ops"]), delivery.Delivered);
        Assert.False(delivery.Succeeded);
        Assert.Equal($"POST http://127.0.0.1:{failing.Port}/… answered with status 500", delivery.Failed["broken"]);
        Assert.Single(failing.Requests);
        Assert.Single(working.Requests);
        Assert.Equal([LogLevel.Error, LogLevel.Warning], _logger.Entries.Select(e => e.Level));
        Assert.Contains("did not reach channel broken", _logger.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BelowMinSeverity_SkipsTheChannel()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(true, ["pager"], ("pager", Hook(receiver) with { MinSeverity = "critical" }));

        var delivery = await Sink(config).SendAsync(NewAlert(urgency: "high"), CancellationToken.None);

        Assert.Equal(ValueList<string>.From(["pager"]), delivery.Skipped);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_AtMinSeverity_DeliversToTheChannel()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(true, ["pager"], ("pager", Hook(receiver) with { MinSeverity = "error" }));

        var delivery = await Sink(config).SendAsync(NewAlert(urgency: "high"), CancellationToken.None);

        Assert.Equal(ValueList<string>.From(["log", "pager"]), delivery.Delivered);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_ChannelsNamedByTheRule_OverrideTheConfiguredList()
    {
        await using var a = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        await using var b = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(true, ["a"], ("a", Hook(a)), ("b", Hook(b)));

        var delivery = await Sink(config).SendAsync(NewAlert("high", "b", "nowhere"), CancellationToken.None);

        Assert.Equal(ValueList<string>.From(["log", "b"]), delivery.Delivered);
        Assert.Equal("no alert channel named 'nowhere' is defined in monitoring.alert_channel_settings", delivery.Failed["nowhere"]);
        Assert.Empty(a.Requests);
        Assert.Single(b.Requests);
    }

    [Fact]
    public async Task SendAsync_HeaderVariableMissing_FailsTheChannelWithoutARequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var channel = Hook(receiver) with { Headers = ValueMap<object?>.Empty.SetItem("Authorization", "Bearer ${env:OPS_TOKEN}") };

        var delivery = await Sink(Config(true, ["ops"], ("ops", channel))).SendAsync(NewAlert(), CancellationToken.None);

        Assert.Equal("the header 'Authorization' uses ${env:OPS_TOKEN}, which is not set", delivery.Failed["ops"]);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_HostNotAllowed_FailsTheChannelWithoutARequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c => Answer(c, 200));
        var config = Config(true, ["ops"], ("ops", Hook(receiver))) with { Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(["hooks.example.com"]) } };

        var delivery = await Sink(config).SendAsync(NewAlert(), CancellationToken.None);

        Assert.StartsWith("trigger_alert: the host '127.0.0.1' is not in security.webhook_allowed_hosts", delivery.Failed["ops"], StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("low", "info", "info")]
    [InlineData("normal", "info", "warning")]
    [InlineData("high", "info", "error")]
    [InlineData("critical", "info", "critical")]
    [InlineData("low", "critical", "critical")]
    [InlineData("whatever", "error_spike", "warning")]
    public void Severity_FromUrgencyAndType_IsTheHigher(string urgency, string type, string expected) =>
        Assert.Equal(expected, (NewAlert(urgency) with { Type = type }).Severity);

    [Fact]
    public void Body_EmptyData_HasAnEmptyContextObject()
    {
        using var json = JsonDocument.Parse(ChannelAlertSink.Body(NewAlert() with { Data = ValueMap<object?>.Empty }, "ops", "production"));

        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("context").ValueKind);
        Assert.Equal("production", json.RootElement.GetProperty("environment").GetString());
    }
}
