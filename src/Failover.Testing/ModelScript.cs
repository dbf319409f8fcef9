using System;
using Failover.Testing.Internal;
using System.Collections.Generic;

namespace Failover.Testing;

/// <summary>
/// The script of one model of a <see cref="ProviderSimulator"/>, keyed by the model name the
/// request carries (the body's <c>model</c>, or the Gemini URL segment, e.g. <c>gpt-5-mini</c>).
/// A request takes the next one-shot behaviour from a queue; when the queue is empty it gets the
/// steady behaviour (a normal answer unless <see cref="Always()"/> set another). A switch-off
/// moment, once reached, overrides both. All members are thread-safe and return this script so
/// calls chain: <c>sim.Model("gpt-5-mini").RateLimited(TimeSpan.FromSeconds(2)).Times(3)</c>.
/// </summary>
public sealed class ModelScript
{
    /// <summary>The context window used by <see cref="SimulatedBehaviorKind.ContextLengthExceeded"/> when none is set.</summary>
    public const int DefaultContextWindow = 128_000;

    private readonly object _gate = new();
    private readonly List<SimulatedBehavior> _queue = new();
    private SimulatedBehavior _steady = SimulatedBehavior.Success();
    private Func<string, string>? _reply;
    private string? _json;
    private ToolCallReply? _toolCall;
    private int? _contextWindow;
    private DateTimeOffset? _switchOffAt;
    private bool _rejectsPrefill;

    internal ModelScript(string modelId) => ModelId = modelId;

    /// <summary>The model name this script answers for.</summary>
    public string ModelId { get; }

    /// <summary>The number of one-shot behaviours still queued.</summary>
    public int PendingCount
    {
        get { lock (_gate) { return _queue.Count; } }
    }

    /// <summary>Answer every successful request with <paramref name="text"/>.</summary>
    /// <param name="text">The reply text.</param>
    public ModelScript Reply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate) { _reply = _ => text; }
        return this;
    }

    /// <summary>Answer every successful request with a text computed from the request's last user message.</summary>
    /// <param name="reply">Maps the last user message (empty when there is none) to the reply text.</param>
    public ModelScript Reply(Func<string, string> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_gate) { _reply = reply; }
        return this;
    }

    /// <summary>
    /// The JSON text returned when a request asks for JSON output (OpenAI <c>response_format</c>
    /// json_schema or json_object, Gemini <c>responseMimeType</c> application/json or a response schema,
    /// Anthropic <c>output_format</c>/<c>output_config.format</c>). Requests that do not ask for JSON get the text reply.
    /// </summary>
    /// <param name="json">The JSON text, returned verbatim (it is not validated, so a test can script a schema mismatch).</param>
    public ModelScript ReplyJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate) { _json = json; }
        return this;
    }

    /// <summary>
    /// Answer a request that offers tools, and does not already carry a tool's result, with a call of tool
    /// <paramref name="name"/>, in the model's wire format, plain or streamed: OpenAI <c>tool_calls</c> (streamed as
    /// fragments of the arguments, finish reason <c>tool_calls</c>), Anthropic a <c>tool_use</c> block (streamed as
    /// <c>input_json_delta</c>, stop reason <c>tool_use</c>), Gemini a <c>functionCall</c> part (one chunk). The follow-up
    /// request that carries the tool's result gets the text reply. Requests without tools get the text reply. Scripted
    /// faults apply to the tool-call answer as to any other.
    /// </summary>
    /// <param name="name">The function name, as the request's <c>tools</c> declare it.</param>
    /// <param name="argumentsJson">The call's arguments, a JSON object as text (sent verbatim).</param>
    public ModelScript ReplyToolCall(string name, string argumentsJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        lock (_gate) { _toolCall = new ToolCallReply(name, argumentsJson); }
        return this;
    }

    /// <summary>
    /// Give the model a context window: a request whose estimated prompt tokens (about 4 characters a token)
    /// exceed it is answered with the provider's context-length error instead of a normal answer.
    /// </summary>
    /// <param name="maxTokens">The window, in tokens.</param>
    public ModelScript ContextWindow(int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        lock (_gate) { _contextWindow = maxTokens; }
        return this;
    }

    /// <summary>
    /// Make the model reject assistant prefill, as models without prefill support do: a request whose last message is the
    /// assistant's gets <see cref="SimulatedBehavior.PrefillRejected"/> (Anthropic: 400 <c>invalid_request_error</c>) instead
    /// of a normal answer. Other requests are unaffected.
    /// </summary>
    /// <param name="rejects">False to accept prefill again.</param>
    public ModelScript RejectsPrefill(bool rejects = true)
    {
        lock (_gate) { _rejectsPrefill = rejects; }
        return this;
    }

    /// <summary>Queue a one-shot behaviour for the next request not taken by an earlier one.</summary>
    /// <param name="behavior">The behaviour.</param>
    public ModelScript Enqueue(SimulatedBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        lock (_gate) { _queue.Add(behavior); }
        return this;
    }

    /// <summary>Make the most recently queued behaviour apply to <paramref name="count"/> requests in total.</summary>
    /// <param name="count">How many requests it applies to (1 or more).</param>
    /// <exception cref="InvalidOperationException">Nothing is queued.</exception>
    public ModelScript Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            var last = Last();
            for (var i = 1; i < count; i++)
            {
                _queue.Add(last);
            }
        }

        return this;
    }

    /// <summary>Turn the most recently queued behaviour into the steady one: it then applies to every request once the queue is empty.</summary>
    /// <exception cref="InvalidOperationException">Nothing is queued.</exception>
    public ModelScript Always()
    {
        lock (_gate)
        {
            _steady = Last();
            _queue.RemoveAt(_queue.Count - 1);
        }

        return this;
    }

    /// <summary>Set the steady behaviour, used whenever the one-shot queue is empty.</summary>
    /// <param name="behavior">The behaviour.</param>
    public ModelScript Always(SimulatedBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        lock (_gate) { _steady = behavior; }
        return this;
    }

    /// <summary>Add latency to the most recently queued behaviour.</summary>
    /// <param name="latency">Time to wait on the simulator's <see cref="TimeProvider"/> before answering.</param>
    /// <exception cref="InvalidOperationException">Nothing is queued.</exception>
    public ModelScript WithLatency(TimeSpan latency)
    {
        lock (_gate)
        {
            var last = Last();
            _queue[^1] = last.WithLatency(latency);
        }

        return this;
    }

    /// <summary>
    /// From <paramref name="moment"/> on (read against the simulator's <see cref="TimeProvider"/>) every request
    /// is answered as for a model that no longer exists (<see cref="SimulatedBehavior.ModelNotFound"/>), whatever is queued.
    /// </summary>
    /// <param name="moment">The switch-off moment.</param>
    public ModelScript SwitchOffAt(DateTimeOffset moment)
    {
        lock (_gate) { _switchOffAt = moment; }
        return this;
    }

    /// <summary>Switch the model off now: every request gets the provider's model-not-found answer.</summary>
    public ModelScript SwitchOff() => SwitchOffAt(DateTimeOffset.MinValue);

    /// <summary>Forget every queued and steady behaviour, reply, context window and switch-off moment.</summary>
    public ModelScript Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _steady = SimulatedBehavior.Success();
            _reply = null;
            _json = null;
            _toolCall = null;
            _contextWindow = null;
            _switchOffAt = null;
            _rejectsPrefill = false;
        }

        return this;
    }

    /// <summary>Queue one normal answer sent after <paramref name="latency"/>.</summary>
    /// <param name="latency">Time to wait on the simulator's <see cref="TimeProvider"/>.</param>
    public ModelScript Latency(TimeSpan latency) => Enqueue(SimulatedBehavior.Delayed(latency));

    /// <summary>Queue one error with this status in the provider's error body.</summary>
    /// <param name="statusCode">The HTTP status, 400 to 599.</param>
    /// <param name="message">The error message; the provider's usual one when null.</param>
    public ModelScript Status(int statusCode, string? message = null) => Enqueue(SimulatedBehavior.Status(statusCode, message));

    /// <summary>Queue one 429 with <c>retry-after</c> and the provider's reset headers.</summary>
    /// <param name="retryAfter">The delay the provider asks for.</param>
    public ModelScript RateLimited(TimeSpan retryAfter) => Enqueue(SimulatedBehavior.RateLimited(retryAfter));

    /// <summary>Queue one 429 whose <c>retry-after</c> is an HTTP-date <paramref name="retryAfter"/> from now on the simulator's clock.</summary>
    /// <param name="retryAfter">The delay the provider asks for (the date has whole seconds).</param>
    public ModelScript RateLimitedUntil(TimeSpan retryAfter) => Enqueue(SimulatedBehavior.RateLimitedUntil(retryAfter));

    /// <summary>Queue one 429 with no hint of when to come back (no <c>retry-after</c>, no reset headers, no retry info).</summary>
    public ModelScript RateLimitedWithoutRetryAfter() => Enqueue(SimulatedBehavior.RateLimitedWithoutRetryAfter());

    /// <summary>Queue one overloaded answer (Anthropic 529, OpenAI 503, Gemini 503).</summary>
    public ModelScript Overloaded() => Enqueue(SimulatedBehavior.Overloaded());

    /// <summary>Queue one 500.</summary>
    public ModelScript ServerError() => Enqueue(SimulatedBehavior.ServerError());

    /// <summary>Queue one 401.</summary>
    public ModelScript Unauthorized() => Enqueue(SimulatedBehavior.Unauthorized());

    /// <summary>Queue one 404 model-not-found.</summary>
    public ModelScript ModelNotFound() => Enqueue(SimulatedBehavior.ModelNotFound());

    /// <summary>Queue one context-length-exceeded 400.</summary>
    public ModelScript ContextLengthExceeded() => Enqueue(SimulatedBehavior.ContextLengthExceeded());

    /// <summary>Queue one content-policy block.</summary>
    public ModelScript ContentPolicy() => Enqueue(SimulatedBehavior.ContentPolicy());

    /// <summary>Queue one plain 400.</summary>
    /// <param name="message">The error message; a generic one when null.</param>
    public ModelScript MalformedRequest(string? message = null) => Enqueue(SimulatedBehavior.MalformedRequest(message));

    /// <summary>Queue one connection reset before any response.</summary>
    public ModelScript ResetConnection() => Enqueue(SimulatedBehavior.ResetConnection());

    /// <summary>Queue one connection reset after <paramref name="chunks"/> stream events.</summary>
    /// <param name="chunks">How many complete events to send first.</param>
    public ModelScript ResetAfterChunks(int chunks) => Enqueue(SimulatedBehavior.ResetAfterChunks(chunks));

    /// <summary>Queue one 200 whose body is not valid JSON.</summary>
    public ModelScript MalformedJson() => Enqueue(SimulatedBehavior.MalformedJson());

    /// <summary>Queue one 502 HTML error page.</summary>
    public ModelScript HtmlErrorPage() => Enqueue(SimulatedBehavior.HtmlErrorPage());

    /// <summary>Queue one 200 with an empty body.</summary>
    public ModelScript EmptyBody() => Enqueue(SimulatedBehavior.EmptyBody());

    /// <summary>Queue one stream that stops in the middle of an event.</summary>
    public ModelScript StreamCutMidEvent() => Enqueue(SimulatedBehavior.StreamCutMidEvent());

    /// <summary>Queue one stream whose first content arrives <paramref name="delay"/> after the headers.</summary>
    /// <param name="delay">The wait, on the simulator's <see cref="TimeProvider"/>.</param>
    public ModelScript LateFirstToken(TimeSpan delay) => Enqueue(SimulatedBehavior.LateFirstToken(delay));

    /// <summary>Queue one stream that pauses for <paramref name="stall"/> after <paramref name="afterChunks"/> events.</summary>
    /// <param name="afterChunks">Events sent before the pause.</param>
    /// <param name="stall">The pause, on the simulator's <see cref="TimeProvider"/>.</param>
    public ModelScript StreamStall(int afterChunks, TimeSpan stall) => Enqueue(SimulatedBehavior.StreamStall(afterChunks, stall));

    /// <summary>Queue one complete stream with a malformed event in the middle.</summary>
    public ModelScript MalformedEventMidStream() => Enqueue(SimulatedBehavior.MalformedEventMidStream());

    /// <summary>Queue one complete stream without its end marker (<c>[DONE]</c>, <c>message_stop</c>).</summary>
    public ModelScript MissingEndMarker() => Enqueue(SimulatedBehavior.MissingEndMarker());

    /// <summary>Queue one stream that ends cleanly after <paramref name="chunks"/> events, before the finish marker.</summary>
    /// <param name="chunks">Events sent before the end.</param>
    public ModelScript CutAfterChunks(int chunks) => Enqueue(SimulatedBehavior.CutAfterChunks(chunks));

    /// <summary>Queue one stream with an event of about <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The size of the big event.</param>
    public ModelScript OversizedEvent(int bytes = 2 * 1024 * 1024) => Enqueue(SimulatedBehavior.OversizedEvent(bytes));

    /// <summary>Queue one stream that never ends.</summary>
    /// <param name="interval">The gap between content events on the simulator's <see cref="TimeProvider"/>.</param>
    public ModelScript EndlessStream(TimeSpan interval = default) => Enqueue(SimulatedBehavior.EndlessStream(interval));

    /// <summary>Queue one answer that sends its headers and then nothing.</summary>
    public ModelScript HeadersThenNothing() => Enqueue(SimulatedBehavior.HeadersThenNothing());

    internal Decision Next(DateTimeOffset now, string lastUserMessage, bool wantsJson, int promptTokens, bool endsWithAssistant = false, bool offersTools = false, bool answersTool = false)
    {
        Func<string, string>? reply;
        Decision decision;
        lock (_gate)
        {
            var window = _contextWindow ?? DefaultContextWindow;
            SimulatedBehavior behavior;
            if (_switchOffAt is { } off && now >= off)
            {
                behavior = SimulatedBehavior.ModelNotFound();
            }
            else if (_queue.Count > 0)
            {
                behavior = _queue[0];
                _queue.RemoveAt(0);
            }
            else
            {
                behavior = _steady;
            }

            if (behavior.Kind == SimulatedBehaviorKind.Success && _contextWindow is { } w && promptTokens > w)
            {
                behavior = SimulatedBehavior.ContextLengthExceeded().WithLatency(behavior.Latency);
            }

            if (_rejectsPrefill && endsWithAssistant && !IsError(behavior.Kind))
            {
                // The provider validates the request before it generates: any scripted answer becomes the rejection.
                behavior = SimulatedBehavior.PrefillRejected().WithLatency(behavior.Latency);
            }

            if (wantsJson && _json is not null)
            {
                return new Decision(behavior, _json, window);
            }

            reply = _reply;
            decision = new Decision(behavior, string.Empty, window, offersTools && !answersTool ? _toolCall : null);
        }

        // The reply function is user code: call it outside the lock.
        var text = reply is null ? $"Simulated reply from {ModelId}." : reply(lastUserMessage);
        return decision with { Text = text };
    }

    internal bool IsSwitchedOff(DateTimeOffset now)
    {
        lock (_gate) { return _switchOffAt is { } off && now >= off; }
    }

    private static bool IsError(SimulatedBehaviorKind kind) => kind is SimulatedBehaviorKind.Status or SimulatedBehaviorKind.RateLimited
        or SimulatedBehaviorKind.Overloaded or SimulatedBehaviorKind.ServerError or SimulatedBehaviorKind.Unauthorized
        or SimulatedBehaviorKind.ModelNotFound or SimulatedBehaviorKind.ContextLengthExceeded or SimulatedBehaviorKind.ContentPolicy
        or SimulatedBehaviorKind.MalformedRequest or SimulatedBehaviorKind.ResetConnection or SimulatedBehaviorKind.HtmlErrorPage
        or SimulatedBehaviorKind.PrefillRejected;

    private SimulatedBehavior Last()
    {
        if (_queue.Count == 0)
        {
            throw new InvalidOperationException("No behaviour is queued for model '" + ModelId + "': call a behaviour method such as RateLimited() first.");
        }

        return _queue[^1];
    }

    internal readonly record struct Decision(SimulatedBehavior Behavior, string Text, int ContextWindow, ToolCallReply? ToolCall = null);
}
