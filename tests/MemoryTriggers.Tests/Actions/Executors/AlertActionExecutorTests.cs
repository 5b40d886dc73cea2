using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Time.Testing;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class AlertActionExecutorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RecordingAlertSink _sink = new();
    private readonly AlertActionExecutor _executor;

    public AlertActionExecutorTests() => _executor = new AlertActionExecutor(_sink, new FakeTimeProvider(Now));

    private Task<ActionOutput> Run(params (string, object?)[] parameters) =>
        _executor.ExecuteAsync(For(PolicyActionType.TriggerAlert, parameters), CancellationToken.None).AsTask();

    [Fact]
    public void Types_IsTriggerAlert() => Assert.Equal([PolicyActionType.TriggerAlert], _executor.Types);

    [Fact]
    public async Task ExecuteAsync_NoParameters_SendsTheDefaults()
    {
        var output = await Run();

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(
            new Alert { Type = "info", Message = "Policy alert triggered", Urgency = "normal", Rule = "test_rule", DecisionId = "d-1", At = Now },
            alert);
        Assert.Equal("info", output.Values["alert_type"]);
        Assert.Equal("warning", output.Values["severity"]);
        Assert.Equal(true, output.Values["delivered"]);
        Assert.Equal(ValueList<object?>.From(["recorded"]), output.Values["channels"]);
        Assert.Equal(ValueMap<object?>.Empty, output.Values["failed"]);
    }

    [Fact]
    public async Task ExecuteAsync_AllParameters_AreCarriedOnTheAlert()
    {
        var output = await Run(
            ("alert_type", "error_spike"),
            ("message", "5 errors in a minute"),
            ("urgency", "high"),
            ("channels", List("slack", "email")),
            ("data", Map(("count", 5L))));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("error_spike", "5 errors in a minute", "high"), (alert.Type, alert.Message, alert.Urgency));
        Assert.Equal(["slack", "email"], alert.Channels);
        Assert.Equal(Map(("count", 5L)), alert.Data);
        Assert.Equal("error_spike", output.Values["alert_type"]);
    }

    [Fact]
    public async Task ExecuteAsync_SingleChannelString_IsAListOfOne()
    {
        await Run(("channels", "pager"));

        Assert.Equal(ValueList<string>.From(["pager"]), Assert.Single(_sink.Alerts).Channels);
    }

    [Theory]
    [InlineData("channels", "trigger_alert: the parameter 'channels' must be a list of strings or a string; got a map.")]
    [InlineData("message", "trigger_alert: the parameter 'message' must be a string; got a map.")]
    public async Task ExecuteAsync_MapWhereTextBelongs_FailsAndSendsNothing(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Run((name, Map())));

        Assert.Equal(expected, error.Message);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public async Task ExecuteAsync_DataNotAMap_Fails()
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Run(("data", List(1L))));

        Assert.Equal("trigger_alert: the parameter 'data' must be a map; got a list.", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_SinkThrows_TheErrorEscapesToTheEngine()
    {
        var executor = new AlertActionExecutor(new ThrowingSink(), new FakeTimeProvider(Now));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            executor.ExecuteAsync(For(PolicyActionType.TriggerAlert), CancellationToken.None).AsTask());

        Assert.Equal("channel down", error.Message);
    }

    private sealed class ThrowingSink : IAlertSink
    {
        public ValueTask<AlertDelivery> SendAsync(Alert alert, CancellationToken cancellationToken) => throw new InvalidOperationException("channel down");
    }
}
