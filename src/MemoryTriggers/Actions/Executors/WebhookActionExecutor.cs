using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Performs execute_webhook through an <see cref="IWebhookSender"/>. Parameters: <c>url</c>
/// (required, absolute http or https), <c>method</c> (GET, POST, PUT, PATCH or DELETE; default POST),
/// <c>headers</c> (a map), and <c>data</c> or <c>body</c>: a string is sent as it is, anything else
/// as JSON with Content-Type application/json unless a Content-Type header is given. Outputs
/// <c>status_code</c> and <c>body</c>; a status outside 200–299 fails the action.
/// </summary>
/// <remarks>
/// The engine retries a failed action up to its <c>retry_count</c>, <c>retry_delay</c> seconds apart;
/// this executor marks which failures are worth it: no answer, a timeout, 429 and 5xx are retried,
/// waiting at least the answer's Retry-After (up to <see cref="MaxRetryAfter"/>; a longer one ends the
/// retries); a bad parameter, a refused host and any other status (4xx) are not. The action's
/// <c>timeout</c> bounds each attempt, the sender's own default applying without one.
/// </remarks>
public sealed class WebhookActionExecutor : IPolicyActionExecutor
{
    /// <summary>The longest Retry-After an answer may ask for and still be retried: 60 seconds.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The longest per-attempt <c>timeout</c> honoured; a larger one is cut to this (one hour).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General);

    private readonly IWebhookSender _sender;

    /// <summary>Initializes a new instance of the <see cref="WebhookActionExecutor"/> class.</summary>
    /// <param name="sender">What sends the requests.</param>
    public WebhookActionExecutor(IWebhookSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<PolicyActionType> Types { get; } = [PolicyActionType.ExecuteWebhook];

    /// <inheritdoc />
    public async ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = ActionParameters.Of(request);
        WebhookRequest webhook;
        try
        {
            webhook = Read(request, parameters);
        }
        catch (ActionFailedException exception) when (exception.IsRetryable)
        {
            throw new ActionFailedException(exception.Message, exception) { IsRetryable = false };
        }

        var response = await _sender.SendAsync(webhook, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return ActionOutput.Of(("status_code", status), ("body", response.Body));
        }

        var failure = $"{webhook.Method} {HttpWebhookSender.Shown(webhook.Url)} answered with status {status}";
        if (status is 429 or >= 500)
        {
            if (response.RetryAfter > MaxRetryAfter)
            {
                throw new ActionFailedException(parameters.Fail($"{failure} and asked to retry after {response.RetryAfter.Value.TotalSeconds:0} s, more than the {MaxRetryAfter.TotalSeconds:0} s an action waits; not retried.").Message)
                {
                    IsRetryable = false,
                };
            }

            throw new ActionFailedException(parameters.Fail(failure + ".").Message) { RetryAfter = response.RetryAfter };
        }

        throw new ActionFailedException(parameters.Fail(failure + "; not retried.").Message) { IsRetryable = false };
    }

    private static WebhookRequest Read(ActionRequest request, ActionParameters parameters)
    {
        var url = parameters.RequiredString("url").Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw parameters.Fail($"the parameter 'url' must be an absolute http or https URL; got '{url}'.");
        }

        var methodName = parameters.OptionalString("method") ?? "POST";
        var method = methodName.Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            throw parameters.Fail($"the parameter 'method' must be one of {string.Join(", ", Methods)}; got '{methodName}'.");
        }

        var headers = ReadHeaders(parameters);
        var body = ReadBody(parameters, out var isJson);
        if (isJson && !headers.Keys.Any(key => key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers = headers.SetItem("Content-Type", "application/json");
        }

        return new WebhookRequest(method, uri, headers, body)
        {
            Timeout = request.Timeout is { } seconds and > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, MaxTimeout.TotalSeconds)) : null,
        };
    }

    private static ValueMap<string> ReadHeaders(ActionParameters parameters)
    {
        if (parameters.OptionalMap("headers") is not { } map)
        {
            return ValueMap<string>.Empty;
        }

        var nested = parameters.Nested("headers", map);
        return ValueMap<string>.From(map.Keys.Select(name => new KeyValuePair<string, string>(name, nested.OptionalString(name) ?? string.Empty)));
    }

    private static string? ReadBody(ActionParameters parameters, out bool isJson)
    {
        var name = parameters.Has("data") ? "data" : "body";
        var value = parameters.Plain(name);
        isJson = value is not (null or string);
        return value switch
        {
            null => null,
            string text => text,
            _ => JsonSerializer.Serialize(value, JsonOptions),
        };
    }
}
