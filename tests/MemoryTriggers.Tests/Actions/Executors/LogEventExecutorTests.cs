using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Logging;
using static MemoryTriggers.Tests.Actions.Executors.Requests;

namespace MemoryTriggers.Tests.Actions.Executors;

public sealed class LogEventExecutorTests
{
    private readonly RecordingLogger _logger = new();

    private Task<ActionOutput> Run(params (string, object?)[] parameters) =>
        new LogEventExecutor(_logger).ExecuteAsync(For(PolicyActionType.LogEvent, parameters), CancellationToken.None).AsTask();

    [Fact]
    public void Types_IsLogEvent() => Assert.Equal([PolicyActionType.LogEvent], new LogEventExecutor(_logger).Types);

    [Fact]
    public async Task ExecuteAsync_NoParameters_LogsDefaultMessageAtInformation()
    {
        var output = await Run();

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Policy test_rule event: Policy event", entry.Message);
        Assert.Equal("Policy {Rule} event: {Message}", entry.State["{OriginalFormat}"]);
        Assert.Equal("test_rule", entry.State["Rule"]);
        Assert.Equal("Policy event", entry.State["Message"]);
        Assert.Equal("PolicyEvent", entry.EventId.Name);
        Assert.Empty(entry.Scopes);
        Assert.Equal(ActionOutput.Of(("level", "information"), ("message", "Policy event")).Values, output.Values);
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace, "trace")]
    [InlineData("debug", LogLevel.Debug, "debug")]
    [InlineData("info", LogLevel.Information, "information")]
    [InlineData("INFORMATION", LogLevel.Information, "information")]
    [InlineData("warning", LogLevel.Warning, "warning")]
    [InlineData("warn", LogLevel.Warning, "warning")]
    [InlineData("Error", LogLevel.Error, "error")]
    [InlineData(" critical ", LogLevel.Critical, "critical")]
    public async Task ExecuteAsync_Level_LogsAtThatLevel(string name, LogLevel level, string outputName)
    {
        var output = await Run(("level", name), ("message", "disk almost full"));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(level, entry.Level);
        Assert.Equal("Policy test_rule event: disk almost full", entry.Message);
        Assert.Equal(outputName, output.Values["level"]);
        Assert.Equal("disk almost full", output.Values["message"]);
    }

    [Fact]
    public async Task ExecuteAsync_Fields_AreTheEntrysScope()
    {
        var fields = Map(("user", "u1"), ("count", 3L));

        await Run(("fields", fields));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal([fields], entry.Scopes);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownLevel_FailsListingTheValidOnes()
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Run(("level", "disabled")));

        Assert.Equal("log_event: unknown level 'disabled'; use one of trace, debug, info, information, warning, warn, error, critical.", error.Message);
        Assert.Empty(_logger.Entries);
    }

    [Theory]
    [InlineData("level", "log_event: the parameter 'level' must be a string; got a list.")]
    [InlineData("message", "log_event: the parameter 'message' must be a string; got a list.")]
    public async Task ExecuteAsync_ListWhereTextBelongs_Fails(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Run((name, List("a"))));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_FieldsNotAMap_Fails()
    {
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Run(("fields", "x")));

        Assert.Equal("log_event: the parameter 'fields' must be a map; got 'x'.", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_LevelDisabled_WritesNothingButSucceeds()
    {
        var logger = new RecordingLogger { MinimumLevel = LogLevel.Warning };

        var output = await new LogEventExecutor(logger).ExecuteAsync(For(PolicyActionType.LogEvent, ("level", "debug")), CancellationToken.None);

        Assert.Empty(logger.Entries);
        Assert.Equal("debug", output.Values["level"]);
    }
}
