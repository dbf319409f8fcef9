using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Threading;

namespace Failover;

/// <summary>
/// The one place where errors become <see cref="FailureKind"/>s: exceptions thrown by any
/// <c>IChatClient</c>, and HTTP status plus error-body fields reported by the built-in providers.
/// </summary>
public static class FailureClassifier
{
    private static readonly string[] s_statusPropertyNames = ["StatusCode", "Status"];

    /// <summary>Classifies an exception thrown by one attempt.</summary>
    /// <param name="exception">What the attempt threw.</param>
    /// <param name="callerToken">The caller's token: cancellation through it is <see cref="FailureKind.Cancelled"/>, any other cancellation is a timeout.</param>
    public static ClassifiedFailure Classify(Exception exception, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failure = ClassifyCore(exception, callerToken);
        return ChaosMarker.IsInjected(exception) ? failure with { Injected = true } : failure;
    }

    private static ClassifiedFailure ClassifyCore(Exception exception, CancellationToken callerToken)
    {

        if (exception is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            return new(FailureKind.Cancelled, null, null, null, "The caller cancelled the request.");
        }

        switch (exception)
        {
            case ProviderException provider:
                return new(provider.Kind, provider.StatusCode, provider.ProviderErrorCode, provider.RetryAfter, provider.Message);
            case Polly.Timeout.TimeoutRejectedException:
            case TimeoutException:
            case OperationCanceledException:
                return new(FailureKind.Timeout, null, null, null, "The attempt timed out.");
            case ClientResultException sdk when sdk.Status > 0:
                // The official OpenAI SDK (System.ClientModel), also behind its Microsoft.Extensions.AI adapter.
                return FromHttp(sdk.Status, null, null, sdk.Message, RetryAfterOf(sdk.GetRawResponse()));
            case HttpRequestException http when http.StatusCode is { } status:
                return FromHttp((int)status, null, null, http.Message, null);
            case HttpRequestException http when http.InnerException is SocketException or IOException:
                return new(FailureKind.Connection, null, null, null, "The connection failed: " + http.InnerException!.Message);
            case HttpRequestException http:
                return new(FailureKind.Connection, null, null, null, "The connection failed: " + http.Message);
            case SocketException or IOException:
                return new(FailureKind.Connection, null, null, null, "The connection failed: " + exception.Message);
            case JsonException or FormatException:
                return new(FailureKind.InvalidResponse, null, null, null, "The response could not be parsed: " + exception.Message);
            default:
                // SDK exceptions wrap the HTTP failure (Anthropic's API exceptions carry an HttpRequestException with the
                // status; its IO exception one without, for a connection that failed).
                var statusCode = StatusCodeOf(exception);
                if (statusCode is { } code)
                {
                    return FromHttp(code, null, null, exception.Message, null);
                }

                return WrapsConnectionFailure(exception)
                    ? new(FailureKind.Connection, null, null, null, "The connection failed: " + exception.Message)
                    : new(FailureKind.Unknown, null, null, null, exception.GetType().Name + ": " + exception.Message);
        }
    }

    /// <summary>
    /// Classifies an HTTP error answer from its status and the fields a provider puts in its error body
    /// (OpenAI <c>error.code</c>/<c>error.type</c>, Anthropic <c>error.type</c>, Gemini <c>error.status</c>).
    /// </summary>
    public static ClassifiedFailure FromHttp(int statusCode, string? errorType, string? errorCode, string? message, TimeSpan? retryAfter)
    {
        var code = errorCode ?? errorType;
        var kind = KindFromProviderCode(errorCode) ?? KindFromProviderCode(errorType) ?? KindFromStatus(statusCode);

        // A generic "server error" type on a 503/529/504 says less than the status does (OpenAI sends
        // type server_error with its 503 "engine overloaded" answers).
        if (kind == FailureKind.ServerError && KindFromStatus(statusCode) is FailureKind.Overloaded or FailureKind.Timeout)
        {
            kind = KindFromStatus(statusCode);
        }

        // Likewise a generic "bad request" code (Gemini FAILED_PRECONDITION or INVALID_ARGUMENT) on a more specific
        // 4xx status, such as 410 Gone, 404, 401 or 429, says less than the status does.
        if (kind == FailureKind.MalformedRequest && statusCode is > 400 and < 500 && KindFromStatus(statusCode) != FailureKind.MalformedRequest)
        {
            kind = KindFromStatus(statusCode);
        }

        // Context-length and content-policy rejections arrive as plain 400s on some providers; only the text tells them apart.
        if (kind is FailureKind.MalformedRequest or FailureKind.ContextLengthExceeded && message is not null)
        {
            if (kind == FailureKind.MalformedRequest && MentionsRetiredModel(message))
            {
                kind = FailureKind.ModelUnavailable;
            }
            else if (MentionsContextLength(message))
            {
                kind = FailureKind.ContextLengthExceeded;
            }
            else if (MentionsContentPolicy(message))
            {
                kind = FailureKind.ContentPolicy;
            }
            else if (MentionsExhaustedCredit(message))
            {
                kind = FailureKind.QuotaExhausted;
            }
        }

        var text = $"HTTP {statusCode}" + (code is null ? string.Empty : $" ({code})") + (string.IsNullOrEmpty(message) ? string.Empty : ": " + Truncate(message!));
        return new(kind, statusCode, code, retryAfter, text);
    }

    /// <summary>
    /// Maps the reason a provider gives for stopping or blocking inside a successful (200) answer to a failure
    /// kind: OpenAI/Azure <c>content_filter</c>, Anthropic <c>refusal</c>, Gemini <c>SAFETY</c> and its other
    /// block reasons. Null when the reason is not a failure (<c>stop</c>, <c>length</c>, <c>tool_calls</c>...).
    /// </summary>
    /// <param name="reason">The finish, stop or block reason exactly as the provider sent it.</param>
    public static FailureKind? KindFromFinishReason(string? reason) => reason switch
    {
        "content_filter" or "refusal" => FailureKind.ContentPolicy,
        "SAFETY" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "RECITATION" => FailureKind.ContentPolicy,
        "MALFORMED_FUNCTION_CALL" => FailureKind.InvalidResponse,
        _ => null,
    };

    /// <summary>Maps an HTTP status with no further detail to a failure kind.</summary>
    public static FailureKind KindFromStatus(int statusCode) => statusCode switch
    {
        429 => FailureKind.RateLimited,
        529 or 503 => FailureKind.Overloaded,
        408 or 504 => FailureKind.Timeout,
        401 or 403 => FailureKind.Auth,
        402 => FailureKind.QuotaExhausted,
        404 or 410 => FailureKind.ModelUnavailable,
        413 => FailureKind.ContextLengthExceeded,
        >= 500 and < 600 => FailureKind.ServerError,
        >= 400 and < 500 => FailureKind.MalformedRequest,
        _ => FailureKind.InvalidResponse,
    };

    private static FailureKind? KindFromProviderCode(string? code) => code switch
    {
        null or "" => null,
        // OpenAI and compatible gateways
        "rate_limit_exceeded" or "requests" or "tokens" => FailureKind.RateLimited,
        "insufficient_quota" or "billing_hard_limit_reached" => FailureKind.QuotaExhausted,
        "context_length_exceeded" or "string_above_max_length" => FailureKind.ContextLengthExceeded,
        "content_filter" or "content_policy_violation" or "moderation_blocked" => FailureKind.ContentPolicy,
        "model_not_found" or "model_disabled" or "model_deprecated" or "model_retired" => FailureKind.ModelUnavailable,
        "invalid_api_key" or "invalid_organization" or "unsupported_country_region_territory" => FailureKind.Auth,
        "server_error" => FailureKind.ServerError,
        // Anthropic
        "overloaded_error" => FailureKind.Overloaded,
        "rate_limit_error" => FailureKind.RateLimited,
        "not_found_error" => FailureKind.ModelUnavailable,
        "authentication_error" or "permission_error" => FailureKind.Auth,
        "request_too_large" => FailureKind.ContextLengthExceeded,
        "api_error" => FailureKind.ServerError,
        "timeout_error" => FailureKind.Timeout,
        "billing_error" => FailureKind.QuotaExhausted,
        // Gemini (google.rpc.Code names)
        "RESOURCE_EXHAUSTED" => FailureKind.RateLimited,
        "UNAVAILABLE" => FailureKind.Overloaded,
        "DEADLINE_EXCEEDED" => FailureKind.Timeout,
        "NOT_FOUND" => FailureKind.ModelUnavailable,
        "PERMISSION_DENIED" or "UNAUTHENTICATED" => FailureKind.Auth,
        "INTERNAL" => FailureKind.ServerError,
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" => FailureKind.MalformedRequest,
        // Gemini google.rpc.ErrorInfo reasons (a bad key is a 400 INVALID_ARGUMENT there)
        "API_KEY_INVALID" or "API_KEY_EXPIRED" or "API_KEY_SERVICE_BLOCKED" => FailureKind.Auth,
        _ => null,
    };

    private static bool MentionsContextLength(string message) =>
        Contains(message, "context length") || Contains(message, "context_length") || Contains(message, "context window")
        || Contains(message, "prompt is too long") || Contains(message, "maximum number of tokens")
        || Contains(message, "too many tokens") || Contains(message, "maximum context");

    private static bool MentionsContentPolicy(string message) =>
        Contains(message, "content policy") || Contains(message, "content management policy") || Contains(message, "safety")
        || Contains(message, "content_filter") || Contains(message, "content filtering policy");

    private static bool MentionsExhaustedCredit(string message) =>
        Contains(message, "credit balance is too low") || Contains(message, "exceeded your current quota");

    private static bool MentionsRetiredModel(string message) =>
        Contains(message, "deprecated") || Contains(message, "decommissioned") || Contains(message, "has been retired")
        || Contains(message, "does not exist") || Contains(message, "is disabled");

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static int? StatusCodeOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { StatusCode: { } s })
            {
                return (int)s;
            }

            if (current is IStatusCodeCarrier carrier)
            {
                return carrier.StatusCode;
            }

            if (DeclaredStatusCode(current) is { } declared)
            {
                return declared;
            }
        }

        return null;
    }

    /// <summary>
    /// SDK exceptions carry the HTTP status in a public <c>StatusCode</c> or <c>Status</c> property (Anthropic's
    /// <c>AnthropicApiException.StatusCode</c>, Azure's <c>RequestFailedException.Status</c>). Reading it by name keeps the
    /// runtime free of every SDK's assembly; it runs only on the failure path.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Best effort on the failure path: when trimming removed the property, the failure is classified without a status.")]
    private static int? DeclaredStatusCode(Exception exception)
    {
        var type = exception.GetType();
        if (type.Assembly == typeof(Exception).Assembly)
        {
            return null;
        }

        foreach (var name in s_statusPropertyNames)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || property.GetIndexParameters().Length != 0)
            {
                continue;
            }

            var value = property.GetValue(exception);
            var status = value switch
            {
                HttpStatusCode code => (int)code,
                int number => number,
                _ => 0,
            };
            if (status is >= 100 and < 600)
            {
                return status;
            }
        }

        return null;
    }

    private static bool WrapsConnectionFailure(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? RetryAfterOf(PipelineResponse? response) =>
        response is null ? null : RetryAfterParser.FromHeaders(name => response.Headers.TryGetValue(name, out var value) ? value : null, TimeProvider.System);

    private static string Truncate(string message) => message.Length <= 300 ? message : message[..300] + "...";
}

/// <summary>Implemented by exceptions of custom <c>IChatClient</c>s that know the HTTP status of a failure.</summary>
public interface IStatusCodeCarrier
{
    /// <summary>The HTTP status code of the failed call.</summary>
    int StatusCode { get; }
}
