using System;

namespace Failover.Testing;

/// <summary>What a <see cref="SimulatedBehavior"/> does to a request.</summary>
public enum SimulatedBehaviorKind
{
    /// <summary>Answer normally with the model's reply.</summary>
    Success,

    /// <summary>An error with an explicit HTTP status, in the provider's own error body.</summary>
    Status,

    /// <summary>429 with <c>retry-after</c> and the provider's rate-limit reset headers.</summary>
    RateLimited,

    /// <summary>Overloaded: Anthropic 529 <c>overloaded_error</c>, OpenAI 503, Gemini 503 <c>UNAVAILABLE</c>.</summary>
    Overloaded,

    /// <summary>500 in the provider's own error body.</summary>
    ServerError,

    /// <summary>Bad API key: OpenAI 401 <c>invalid_api_key</c>, Anthropic 401 <c>authentication_error</c>, Gemini 401 <c>UNAUTHENTICATED</c>.</summary>
    Unauthorized,

    /// <summary>The model does not exist or was switched off: OpenAI 404 <c>model_not_found</c>, Anthropic 404 <c>not_found_error</c>, Gemini 404 <c>NOT_FOUND</c>.</summary>
    ModelNotFound,

    /// <summary>The prompt is larger than the model's context window (400 in each provider's words).</summary>
    ContextLengthExceeded,

    /// <summary>The prompt was blocked by the provider's safety system.</summary>
    ContentPolicy,

    /// <summary>A plain 400 for a request the provider cannot accept.</summary>
    MalformedRequest,

    /// <summary>The connection is aborted before any response byte is sent.</summary>
    ResetConnection,

    /// <summary>The connection is aborted after a number of stream chunks (or half the body when not streaming).</summary>
    ResetAfterChunks,

    /// <summary>200 with a body that is not valid JSON (or an SSE event whose data is not JSON).</summary>
    MalformedJson,

    /// <summary>502 with a <c>text/html</c> error page, as a proxy in front of the provider would send.</summary>
    HtmlErrorPage,

    /// <summary>200 with an empty body.</summary>
    EmptyBody,

    /// <summary>The stream (or body) stops in the middle of an event and the response ends cleanly.</summary>
    StreamCutMidEvent,
}

/// <summary>
/// One scripted answer of the simulator: a success, a provider error, or a transport fault,
/// optionally after added latency. Instances are immutable; create them with the static factories.
/// </summary>
public sealed class SimulatedBehavior
{
    private SimulatedBehavior(SimulatedBehaviorKind kind, int? statusCode = null, string? message = null, TimeSpan? retryAfter = null, int chunkCount = 0, TimeSpan latency = default)
    {
        Kind = kind;
        StatusCode = statusCode;
        Message = message;
        RetryAfter = retryAfter;
        ChunkCount = chunkCount;
        Latency = latency;
    }

    /// <summary>What the behaviour does.</summary>
    public SimulatedBehaviorKind Kind { get; }

    /// <summary>The HTTP status for <see cref="SimulatedBehaviorKind.Status"/>; null for the other kinds (they use the provider's own status).</summary>
    public int? StatusCode { get; }

    /// <summary>An error message replacing the provider's default one, if any.</summary>
    public string? Message { get; }

    /// <summary>The retry delay announced by <see cref="SimulatedBehaviorKind.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The number of stream chunks sent before <see cref="SimulatedBehaviorKind.ResetAfterChunks"/> aborts.</summary>
    public int ChunkCount { get; }

    /// <summary>Time waited (on the simulator's <see cref="TimeProvider"/>) before answering.</summary>
    public TimeSpan Latency { get; }

    /// <summary>A normal answer.</summary>
    public static SimulatedBehavior Success() => new(SimulatedBehaviorKind.Success);

    /// <summary>A normal answer sent after <paramref name="latency"/>.</summary>
    /// <param name="latency">Time to wait on the simulator's <see cref="TimeProvider"/> before answering.</param>
    public static SimulatedBehavior Delayed(TimeSpan latency) => Success().WithLatency(latency);

    /// <summary>An error with this HTTP status, written as the provider's own error body for that status.</summary>
    /// <param name="statusCode">The HTTP status, 400 to 599.</param>
    /// <param name="message">The error message; the provider's usual message for the status when null.</param>
    public static SimulatedBehavior Status(int statusCode, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(SimulatedBehaviorKind.Status, statusCode, message);
    }

    /// <summary>429 rate limited, with <c>retry-after</c> (whole seconds, rounded up) and the provider's reset headers.</summary>
    /// <param name="retryAfter">The delay the provider asks for.</param>
    public static SimulatedBehavior RateLimited(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(SimulatedBehaviorKind.RateLimited, retryAfter: retryAfter);
    }

    /// <summary>Overloaded: Anthropic 529, OpenAI 503, Gemini 503 <c>UNAVAILABLE</c>.</summary>
    public static SimulatedBehavior Overloaded() => new(SimulatedBehaviorKind.Overloaded);

    /// <summary>500 internal error.</summary>
    public static SimulatedBehavior ServerError() => new(SimulatedBehaviorKind.ServerError);

    /// <summary>401: the API key is not accepted.</summary>
    public static SimulatedBehavior Unauthorized() => new(SimulatedBehaviorKind.Unauthorized);

    /// <summary>404: the model does not exist or has been switched off.</summary>
    public static SimulatedBehavior ModelNotFound() => new(SimulatedBehaviorKind.ModelNotFound);

    /// <summary>400: the prompt exceeds the model's context window.</summary>
    public static SimulatedBehavior ContextLengthExceeded() => new(SimulatedBehaviorKind.ContextLengthExceeded);

    /// <summary>The prompt is blocked by the safety system (OpenAI and Anthropic 400; Gemini 200 with <c>promptFeedback.blockReason</c> SAFETY).</summary>
    public static SimulatedBehavior ContentPolicy() => new(SimulatedBehaviorKind.ContentPolicy);

    /// <summary>A plain 400 invalid request.</summary>
    /// <param name="message">The error message; a generic one when null.</param>
    public static SimulatedBehavior MalformedRequest(string? message = null) => new(SimulatedBehaviorKind.MalformedRequest, message: message);

    /// <summary>Abort the connection before sending any response.</summary>
    public static SimulatedBehavior ResetConnection() => new(SimulatedBehaviorKind.ResetConnection);

    /// <summary>Send <paramref name="chunks"/> stream events (half the body when not streaming), then abort the connection.</summary>
    /// <param name="chunks">How many complete SSE events to send first (0 or more).</param>
    public static SimulatedBehavior ResetAfterChunks(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return new(SimulatedBehaviorKind.ResetAfterChunks, chunkCount: chunks);
    }

    /// <summary>200 with a body that does not parse as JSON.</summary>
    public static SimulatedBehavior MalformedJson() => new(SimulatedBehaviorKind.MalformedJson);

    /// <summary>502 with an HTML error page.</summary>
    public static SimulatedBehavior HtmlErrorPage() => new(SimulatedBehaviorKind.HtmlErrorPage);

    /// <summary>200 with an empty body.</summary>
    public static SimulatedBehavior EmptyBody() => new(SimulatedBehaviorKind.EmptyBody);

    /// <summary>The stream stops in the middle of an event (a non-streamed body stops mid-JSON); the HTTP response itself ends cleanly.</summary>
    public static SimulatedBehavior StreamCutMidEvent() => new(SimulatedBehaviorKind.StreamCutMidEvent);

    /// <summary>A copy of this behaviour that waits <paramref name="latency"/> before answering.</summary>
    /// <param name="latency">Time to wait on the simulator's <see cref="TimeProvider"/>.</param>
    public SimulatedBehavior WithLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return new(Kind, StatusCode, Message, RetryAfter, ChunkCount, latency);
    }

    /// <inheritdoc />
    public override string ToString() => Latency > TimeSpan.Zero ? $"{Kind} after {Latency}" : Kind.ToString();
}
