using MemoryTriggers.Configuration;

namespace MemoryTriggers.Actions;

/// <summary>An HTTP request to send for an execute_webhook action.</summary>
/// <param name="Method">The method in upper case: GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Url">The absolute http or https URL.</param>
/// <param name="Headers">The headers, Content-Type included when there is a body.</param>
/// <param name="Body">The body, if any.</param>
public sealed record WebhookRequest(string Method, Uri Url, ValueMap<string> Headers, string? Body)
{
    /// <summary>Gets how long this send may take in all; null for the sender's default timeout.</summary>
    public TimeSpan? Timeout { get; init; }
}
