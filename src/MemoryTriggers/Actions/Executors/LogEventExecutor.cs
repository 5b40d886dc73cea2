using MemoryTriggers.Policies;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Performs log_event: writes one structured entry "Policy {Rule} event: {Message}" at the level
/// named by the <c>level</c> parameter (default info), with the <c>fields</c> map, if any, as a scope.
/// Outputs <c>level</c> (the level's full name) and <c>message</c>.
/// </summary>
public sealed class LogEventExecutor : IPolicyActionExecutor
{
    private static readonly string[] LevelNames = ["trace", "debug", "info", "information", "warning", "warn", "error", "critical"];

    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LogEventExecutor"/> class.</summary>
    /// <param name="logger">Where the entries go.</param>
    public LogEventExecutor(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<PolicyActionType> Types { get; } = [PolicyActionType.LogEvent];

    /// <inheritdoc />
    public ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = ActionParameters.Of(request);
        var levelName = parameters.OptionalString("level") ?? "info";
        var level = ParseLevel(levelName)
            ?? throw parameters.Fail($"unknown level '{levelName}'; use one of {string.Join(", ", LevelNames)}.");
        var message = parameters.OptionalString("message") ?? "Policy event";
        var fields = parameters.OptionalMap("fields");

        using (fields is { Count: > 0 } ? _logger.BeginScope(fields) : null)
        {
            ExecutorLog.PolicyEvent(_logger, level, request.RuleName, message);
        }

        return ValueTask.FromResult(ActionOutput.Of(("level", LevelName(level)), ("message", message)));
    }

    // The same text as level.ToString().ToLowerInvariant(), without boxing the enum and two strings per event.
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => level.ToString().ToLowerInvariant(),
    };

    private static LogLevel? ParseLevel(string name) => name.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => null,
    };
}
