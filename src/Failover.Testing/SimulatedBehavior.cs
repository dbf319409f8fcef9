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

    /// <summary>Headers and the provider's opening events at once; the first content after <see cref="SimulatedBehavior.Delay"/>.</summary>
    LateFirstToken,

    /// <summary>The stream pauses for <see cref="SimulatedBehavior.Delay"/> after <see cref="SimulatedBehavior.ChunkCount"/> events, then completes.</summary>
    StreamStall,

    /// <summary>A complete stream with one extra event in the middle whose data is not JSON.</summary>
    MalformedEventMidStream,

    /// <summary>A complete stream (finish reason and usage) without the trailing end marker: no <c>[DONE]</c>, no <c>message_stop</c>.</summary>
    MissingEndMarker,

    /// <summary>The stream ends cleanly after <see cref="SimulatedBehavior.ChunkCount"/> events, before any finish marker.</summary>
    CutAfterChunks,

    /// <summary>The provider's opening events, then one content event of <see cref="SimulatedBehavior.Size"/> bytes, then the rest.</summary>
    OversizedEvent,

    /// <summary>The provider's opening events, then content events forever (one every <see cref="SimulatedBehavior.Delay"/>) until the client goes away.</summary>
    EndlessStream,

    /// <summary>200 headers, then not a byte until the client goes away.</summary>
    HeadersThenNothing,

    /// <summary>The provider's rejection of a request that ends with an assistant message (a prefill).</summary>
    PrefillRejected,
}

/// <summary>How a <see cref="SimulatedBehaviorKind.RateLimited"/> answer says when to come back.</summary>
public enum RetryAfterForm
{
    /// <summary><c>retry-after</c> in whole seconds (rounded up), plus the provider's own reset headers or retry info.</summary>
    Seconds,

    /// <summary><c>retry-after</c> as an HTTP-date (RFC 9110 IMF-fixdate, whole seconds, on the simulator's clock) and no other hint, so a client that waits the right time read the date.</summary>
    HttpDate,

    /// <summary>No hint at all: no <c>retry-after</c>, no reset headers, no Gemini <c>RetryInfo</c>.</summary>
    None,
}

/// <summary>
/// One scripted answer of the simulator: a success, a provider error, or a transport fault,
/// optionally after added latency. Instances are immutable; create them with the static factories.
/// </summary>
public sealed class SimulatedBehavior
{
    private SimulatedBehavior(SimulatedBehaviorKind kind, int? statusCode = null, string? message = null, TimeSpan? retryAfter = null, int chunkCount = 0, TimeSpan latency = default, TimeSpan delay = default, int size = 0, RetryAfterForm retryAfterForm = RetryAfterForm.Seconds)
    {
        RetryAfterForm = retryAfterForm;
        Delay = delay;
        Size = size;
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

    /// <summary>How <see cref="SimulatedBehaviorKind.RateLimited"/> writes <see cref="RetryAfter"/> (or leaves it out).</summary>
    public RetryAfterForm RetryAfterForm { get; }

    /// <summary>The number of stream chunks sent before <see cref="SimulatedBehaviorKind.ResetAfterChunks"/> aborts.</summary>
    public int ChunkCount { get; }

    /// <summary>Time waited (on the simulator's <see cref="TimeProvider"/>) before answering.</summary>
    public TimeSpan Latency { get; }

    /// <summary>
    /// The wait inside a stream, after the headers (on the simulator's <see cref="TimeProvider"/>): before the first content
    /// for <see cref="SimulatedBehaviorKind.LateFirstToken"/>, the gap for <see cref="SimulatedBehaviorKind.StreamStall"/>,
    /// the interval between events for <see cref="SimulatedBehaviorKind.EndlessStream"/>.
    /// </summary>
    public TimeSpan Delay { get; }

    /// <summary>The size in bytes of the big event of <see cref="SimulatedBehaviorKind.OversizedEvent"/>.</summary>
    public int Size { get; }

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
    public static SimulatedBehavior RateLimited(TimeSpan retryAfter) => RateLimited(retryAfter, RetryAfterForm.Seconds);

    /// <summary>429 rate limited, with <c>retry-after</c> written as <paramref name="form"/> says, and the provider's reset headers.</summary>
    /// <param name="retryAfter">The delay the provider asks for (ignored for <see cref="RetryAfterForm.None"/>).</param>
    /// <param name="form">Delta seconds or an HTTP-date.</param>
    public static SimulatedBehavior RateLimited(TimeSpan retryAfter, RetryAfterForm form)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(SimulatedBehaviorKind.RateLimited, retryAfter: form == RetryAfterForm.None ? null : retryAfter, retryAfterForm: form);
    }

    /// <summary>429 rate limited whose <c>retry-after</c> is the HTTP-date <paramref name="retryAfter"/> from now (and no other hint).</summary>
    /// <param name="retryAfter">The delay the provider asks for (the date has whole seconds).</param>
    public static SimulatedBehavior RateLimitedUntil(TimeSpan retryAfter) => RateLimited(retryAfter, RetryAfterForm.HttpDate);

    /// <summary>429 rate limited with no hint of when to come back: no <c>retry-after</c>, no reset headers, no retry info.</summary>
    public static SimulatedBehavior RateLimitedWithoutRetryAfter() => RateLimited(TimeSpan.Zero, RetryAfterForm.None);

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

    /// <summary>
    /// Headers and the provider's opening events (OpenAI's role chunk, Anthropic's <c>message_start</c>) at once, the first
    /// content after <paramref name="delay"/>, then the rest at once. Not streamed: the answer after <paramref name="delay"/>.
    /// </summary>
    /// <param name="delay">The wait before the first content, on the simulator's <see cref="TimeProvider"/>.</param>
    public static SimulatedBehavior LateFirstToken(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(SimulatedBehaviorKind.LateFirstToken, delay: delay);
    }

    /// <summary>
    /// A stream that sends <paramref name="afterChunks"/> events, pauses for <paramref name="stall"/>, then completes.
    /// Not streamed: the answer after <paramref name="stall"/>.
    /// </summary>
    /// <param name="afterChunks">Events sent before the pause (1 or more; counted over all events, opening ones included).</param>
    /// <param name="stall">The pause, on the simulator's <see cref="TimeProvider"/>.</param>
    public static SimulatedBehavior StreamStall(int afterChunks, TimeSpan stall)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(afterChunks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stall, TimeSpan.Zero);
        return new(SimulatedBehaviorKind.StreamStall, chunkCount: afterChunks, delay: stall);
    }

    /// <summary>A complete stream with one extra malformed event (data that is not JSON) in the middle. Not streamed: a normal answer.</summary>
    public static SimulatedBehavior MalformedEventMidStream() => new(SimulatedBehaviorKind.MalformedEventMidStream);

    /// <summary>
    /// A complete stream, finish reason and usage included, that ends without its end marker (OpenAI <c>[DONE]</c>,
    /// Anthropic <c>message_stop</c>; Gemini sends none anyway). Not streamed: a normal answer.
    /// </summary>
    public static SimulatedBehavior MissingEndMarker() => new(SimulatedBehaviorKind.MissingEndMarker);

    /// <summary>
    /// A stream that ends cleanly (no reset) after <paramref name="chunks"/> events, never reaching the finish marker
    /// (the count is capped just before it). Not streamed: half the JSON body, then a clean end.
    /// </summary>
    /// <param name="chunks">Events sent before the end (0 or more).</param>
    public static SimulatedBehavior CutAfterChunks(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return new(SimulatedBehaviorKind.CutAfterChunks, chunkCount: chunks);
    }

    /// <summary>A stream with one content event of about <paramref name="bytes"/> bytes after the opening events. Not streamed: a normal answer.</summary>
    /// <param name="bytes">The size of the big event (at least 1 KiB); the default is 2 MiB, above the built-in providers' 1 MiB limit.</param>
    public static SimulatedBehavior OversizedEvent(int bytes = 2 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1024);
        return new(SimulatedBehaviorKind.OversizedEvent, size: bytes);
    }

    /// <summary>
    /// A stream that never finishes: the opening events, then a content event every <paramref name="interval"/> until the
    /// client goes away. Not streamed: headers, then a body that never ends.
    /// </summary>
    /// <param name="interval">The gap between content events on the simulator's <see cref="TimeProvider"/>; zero sends as fast as the client reads.</param>
    public static SimulatedBehavior EndlessStream(TimeSpan interval = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        return new(SimulatedBehaviorKind.EndlessStream, delay: interval);
    }

    /// <summary>200 headers at once (the stream's content type when streaming), then nothing until the client goes away.</summary>
    public static SimulatedBehavior HeadersThenNothing() => new(SimulatedBehaviorKind.HeadersThenNothing);

    /// <summary>
    /// The provider's rejection of an assistant prefill (Anthropic 400 <c>invalid_request_error</c>, OpenAI 400
    /// <c>invalid_request_error</c> on <c>messages</c>, Gemini 400 <c>INVALID_ARGUMENT</c>). <see cref="ModelScript.RejectsPrefill"/>
    /// applies it only to requests whose last message is the assistant's.
    /// </summary>
    public static SimulatedBehavior PrefillRejected() => new(SimulatedBehaviorKind.PrefillRejected);

    /// <summary>A copy of this behaviour that waits <paramref name="latency"/> before answering.</summary>
    /// <param name="latency">Time to wait on the simulator's <see cref="TimeProvider"/>.</param>
    public SimulatedBehavior WithLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return new(Kind, StatusCode, Message, RetryAfter, ChunkCount, latency, Delay, Size, RetryAfterForm);
    }

    /// <inheritdoc />
    public override string ToString() =>
        (Delay > TimeSpan.Zero ? $"{Kind} ({Delay})" : Kind.ToString()) + (Latency > TimeSpan.Zero ? $" after {Latency}" : string.Empty);
}
