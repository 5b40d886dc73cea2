namespace MemoryTriggers.Actions;

/// <summary>Sends the HTTP requests of execute_webhook actions.</summary>
public interface IWebhookSender
{
    /// <summary>Sends one request and reads the response; throws if no response arrives.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response, whatever its status.</returns>
    ValueTask<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken);
}
