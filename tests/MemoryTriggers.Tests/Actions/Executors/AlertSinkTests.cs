using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using Microsoft.Extensions.Logging;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class AlertSinkTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Alert NewAlert(string message = "5 errors", ValueList<string>? channels = null, ValueMap<object?>? data = null) => new()
    {
        Type = "error_spike",
        Message = message,
        Urgency = "high",
        Channels = channels ?? ValueList<string>.Empty,
        Rule = "errors",
        DecisionId = "d-9",
        At = Now,
        Data = data ?? ValueMap<object?>.Empty,
    };

    [Fact]
    public async Task LogAlertSink_HighUrgency_WritesOneErrorEntry()
    {
        var logger = new RecordingLogger();

        await new LogAlertSink(logger).SendAsync(NewAlert(channels: ValueList<string>.From(["slack", "email"])), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("Policy error alert (error_spike, high) from errors: 5 errors; channels: slack, email; decision d-9", entry.Message);
        Assert.Equal("error", entry.State["Severity"]);
        Assert.Equal("error_spike", entry.State["AlertType"]);
        Assert.Empty(entry.Scopes);
    }

    [Fact]
    public async Task LogAlertSink_NoChannelsAndData_SaysLogAndScopesTheData()
    {
        var logger = new RecordingLogger();
        var data = Map(("count", 5L));

        await new LogAlertSink(logger).SendAsync(NewAlert(data: data), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.EndsWith("channels: log; decision d-9", entry.Message, StringComparison.Ordinal);
        Assert.Equal([data], entry.Scopes);
    }

    [Fact]
    public async Task RecordingAlertSink_ParallelSends_KeepsEveryAlert()
    {
        var sink = new RecordingAlertSink();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => sink.SendAsync(NewAlert("m" + i), CancellationToken.None).AsTask())));

        Assert.Equal(200, sink.Alerts.Select(a => a.Message).Distinct().Count());
    }

    [Fact]
    public async Task RecordingAlertSink_CancelledToken_Throws()
    {
        var sink = new RecordingAlertSink();

        await Assert.ThrowsAsync<OperationCanceledException>(() => sink.SendAsync(NewAlert(), new CancellationToken(canceled: true)).AsTask());
        Assert.Empty(sink.Alerts);
    }
}
