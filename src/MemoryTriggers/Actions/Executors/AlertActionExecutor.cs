using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Performs trigger_alert: builds an <see cref="Alert"/> from the parameters <c>alert_type</c>
/// (default info), <c>message</c> (default "Policy alert triggered"), <c>urgency</c> (default
/// normal), <c>channels</c> and <c>data</c>, and hands it to an <see cref="IAlertSink"/>.
/// Outputs <c>alert_type</c>, <c>severity</c>, <c>delivered</c> (true when no channel failed),
/// <c>channels</c> (those that received it), <c>skipped</c> and <c>failed</c> (channel: reason).
/// A failed channel does not fail the action, so that a retry does not repeat the alert on the
/// channels that received it.
/// </summary>
public sealed class AlertActionExecutor : IPolicyActionExecutor
{
    private readonly IAlertSink _sink;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="AlertActionExecutor"/> class.</summary>
    /// <param name="sink">Where alerts go.</param>
    /// <param name="time">The clock that stamps alerts.</param>
    public AlertActionExecutor(IAlertSink sink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _sink = sink;
        _time = time;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<PolicyActionType> Types { get; } = [PolicyActionType.TriggerAlert];

    /// <inheritdoc />
    public async ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = ActionParameters.Of(request);
        var alert = new Alert
        {
            Type = NonEmpty(parameters.OptionalString("alert_type")) ?? "info",
            Message = NonEmpty(parameters.OptionalString("message")) ?? "Policy alert triggered",
            Urgency = NonEmpty(parameters.OptionalString("urgency")) ?? "normal",
            Channels = parameters.OptionalStringList("channels") is { } channels
                ? ValueList<string>.From(channels.Where(c => !string.IsNullOrWhiteSpace(c)))
                : ValueList<string>.Empty,
            Data = parameters.OptionalMap("data") ?? ValueMap<object?>.Empty,
            Rule = request.RuleName,
            DecisionId = request.DecisionId,
            At = _time.GetUtcNow(),
        };
        var delivery = await _sink.SendAsync(alert, cancellationToken).ConfigureAwait(false);
        return ActionOutput.Of(
            ("alert_type", alert.Type),
            ("severity", alert.Severity),
            ("delivered", delivery.Succeeded),
            ("channels", ValueList<object?>.From(delivery.Delivered)),
            ("skipped", ValueList<object?>.From(delivery.Skipped)),
            ("failed", ValueMap<object?>.From(delivery.Failed.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)))));
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
