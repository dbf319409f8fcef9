using System;

namespace Failover;

/// <summary>
/// A provider answered with an error, or with something that could not be used. Built-in providers throw
/// it with the failure already classified; custom <c>IChatClient</c>s may throw it too, or any other
/// exception, which <see cref="FailureClassifier"/> then classifies.
/// </summary>
/// <remarks>The message never contains request headers, so it never contains an API key.</remarks>
public sealed class ProviderException : Exception
{
    /// <summary>Creates a classified provider failure.</summary>
    public ProviderException(
        FailureKind kind,
        string message,
        int? statusCode = null,
        string? providerErrorCode = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ProviderErrorCode = providerErrorCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The classified failure.</summary>
    public FailureKind Kind { get; }

    /// <summary>The HTTP status code, when the failure came from an HTTP answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's own error code or type, such as <c>overloaded_error</c> or <c>RESOURCE_EXHAUSTED</c>.</summary>
    public string? ProviderErrorCode { get; }

    /// <summary>How long the provider asked callers to wait, from <c>retry-after</c> or its own reset headers.</summary>
    public TimeSpan? RetryAfter { get; }
}
