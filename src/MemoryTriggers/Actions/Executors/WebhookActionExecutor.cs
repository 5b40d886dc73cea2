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
public sealed class WebhookActionExecutor : IPolicyActionExecutor
{
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

        var response = await _sender.SendAsync(new WebhookRequest(method, uri, headers, body), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is < 200 or > 299)
        {
            throw parameters.Fail($"{method} {uri} answered with status {response.StatusCode}.");
        }

        return ActionOutput.Of(("status_code", response.StatusCode), ("body", response.Body));
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
