using System.Collections.Concurrent;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// An <see cref="IWebhookSender"/> that sends nothing: it keeps every request and answers with a
/// configured response. For tests and dry runs. Thread-safe.
/// </summary>
public sealed class RecordingWebhookSender : IWebhookSender
{
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private readonly Func<WebhookRequest, WebhookResponse> _respond;

    /// <summary>Initializes a new instance of the <see cref="RecordingWebhookSender"/> class that answers 200 with no body.</summary>
    public RecordingWebhookSender()
        : this(new WebhookResponse(200, null))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecordingWebhookSender"/> class that always answers <paramref name="response"/>.</summary>
    /// <param name="response">The response to every request.</param>
    public RecordingWebhookSender(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _respond = _ => response;
    }

    /// <summary>Initializes a new instance of the <see cref="RecordingWebhookSender"/> class that answers each request as <paramref name="respond"/> says.</summary>
    /// <param name="respond">Makes the response to a request.</param>
    public RecordingWebhookSender(Func<WebhookRequest, WebhookResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _respond = respond;
    }

    /// <summary>Gets the requests received so far, in order.</summary>
    public IReadOnlyList<WebhookRequest> Requests => [.. _requests];

    /// <inheritdoc />
    public ValueTask<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        _requests.Enqueue(request);
        return ValueTask.FromResult(_respond(request));
    }
}
