namespace MemoryTriggers.Actions;

/// <summary>The response to a <see cref="WebhookRequest"/>.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The body as text, if any.</param>
public sealed record WebhookResponse(int StatusCode, string? Body);
