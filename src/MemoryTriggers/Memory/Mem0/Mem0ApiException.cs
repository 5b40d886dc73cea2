using System.Net;

namespace MemoryTriggers.Memory.Mem0;

/// <summary>
/// A mem0 call failed: an error response (after any retries), a timeout, a transport failure, or
/// a call refused because the circuit breaker is open.
/// </summary>
public sealed class Mem0ApiException : MemoryTriggersException
{
    /// <summary>The <see cref="ErrorCode"/> of a call refused by the open circuit breaker.</summary>
    public const string CircuitOpenCode = "circuit_open";

    /// <summary>The <see cref="ErrorCode"/> of a call that exceeded its timeout.</summary>
    public const string TimeoutCode = "timeout";

    /// <summary>The <see cref="ErrorCode"/> of a call that failed in transport (connection refused, reset).</summary>
    public const string TransportCode = "transport";

    /// <summary>Initializes a new instance of the <see cref="Mem0ApiException"/> class.</summary>
    public Mem0ApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Mem0ApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public Mem0ApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Mem0ApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public Mem0ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Mem0ApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status, if a response arrived.</param>
    /// <param name="errorCode">The error code: the 502 body's <c>code</c>, or one of this type's constants.</param>
    /// <param name="requestId">The request id from the body's <c>request_id</c> or the <c>X-Request-ID</c> header.</param>
    /// <param name="validationErrors">The messages of a 422 body's <c>detail</c> list.</param>
    /// <param name="innerException">The cause, if any.</param>
    public Mem0ApiException(
        string message,
        HttpStatusCode? statusCode,
        string? errorCode,
        string? requestId,
        IReadOnlyList<string>? validationErrors = null,
        Exception? innerException = null)
        : base(message, innerException!)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RequestId = requestId;
        ValidationErrors = validationErrors ?? [];
    }

    /// <summary>Gets the HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the error code (for example <c>provider_timeout</c>, <see cref="CircuitOpenCode"/>), if known.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the server's request id, if known.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the validation messages of a 422 response, each as <c>loc: msg</c>.</summary>
    public IReadOnlyList<string> ValidationErrors { get; } = [];

    /// <summary>Gets a value indicating whether the failure may pass on its own (429, 5xx, timeout, transport, open circuit).</summary>
    public bool IsTransient =>
        StatusCode is HttpStatusCode.TooManyRequests || (int?)StatusCode >= 500
        || ErrorCode is TimeoutCode or TransportCode or CircuitOpenCode && StatusCode is null;
}
