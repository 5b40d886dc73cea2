namespace MemoryTriggers.Actions;

/// <summary>The response to a <see cref="WebhookRequest"/>.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The body as text, if any.</param>
public sealed record WebhookResponse(int StatusCode, string? Body)
{
    /// <summary>Gets how long the server asked the client to wait before trying again (its Retry-After header), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
