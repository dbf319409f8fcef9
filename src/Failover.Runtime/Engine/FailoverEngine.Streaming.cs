using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Streamed route calls, on the same chain walk as every call: an attempt opens the stream up to its first content
/// (attempt timeout to the first update of any kind, then first-token timeout to the first content), with the same
/// classification, policy, retries, backoff budget, hedging and health. After the first chunk reached the caller the
/// stall timeout bounds each gap, and a break is handled by the route's <see cref="StreamRecovery"/>: a typed
/// <see cref="StreamInterruptedException"/> by default, a restart on the next model, or a continuation from a prefill.
/// Degradation does not apply to streams.
/// </summary>
public sealed partial class FailoverEngine
{
    /// <summary>Streams the serving model's text, chunk by chunk; the result tells who served once it has ended.</summary>
    public RouteStream<string> StreamTextAsync(RouteDescriptor route, IList<ChatMessage> messages, string? canaryKey = null, CancellationToken cancellationToken = default) =>
        Stream<string>(route, messages, null, canaryKey, cancellationToken);

    /// <summary>Streams the serving model's updates as the provider sends them; the result tells who served once it has ended.</summary>
    public RouteStream<ChatResponseUpdate> StreamUpdatesAsync(RouteDescriptor route, IList<ChatMessage> messages, string? canaryKey = null, CancellationToken cancellationToken = default) =>
        Stream<ChatResponseUpdate>(route, messages, null, canaryKey, cancellationToken);

    /// <summary>Streams the serving model's text, sending the caller's <paramref name="chatOptions"/> (merged over the route's) to each model tried.</summary>
    public RouteStream<string> StreamTextAsync(RouteDescriptor route, IList<ChatMessage> messages, ChatOptions? chatOptions, string? canaryKey, CancellationToken cancellationToken) =>
        Stream<string>(route, messages, chatOptions, canaryKey, cancellationToken);

    /// <summary>Streams the serving model's updates, sending the caller's <paramref name="chatOptions"/> (merged over the route's) to each model tried.</summary>
    public RouteStream<ChatResponseUpdate> StreamUpdatesAsync(RouteDescriptor route, IList<ChatMessage> messages, ChatOptions? chatOptions, string? canaryKey, CancellationToken cancellationToken) =>
        Stream<ChatResponseUpdate>(route, messages, chatOptions, canaryKey, cancellationToken);

    private RouteStream<T> Stream<T>(RouteDescriptor route, IList<ChatMessage> messages, ChatOptions? chatOptions, string? canaryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);

        // The plan is resolved now, so a configuration problem surfaces at the call rather than at the first MoveNext.
        var plan = GetPlan(route);
        return new RouteStream<T>(route, new StreamRun(this, plan, messages, chatOptions, canaryKey, cancellationToken));
    }

    /// <summary>One enumeration of a route stream: the run's state and the caller's enumerator in one object.</summary>
    internal StreamCall Enumerate(in StreamRun run, IRouteStreamObserver observer, bool text, CancellationToken enumeratorToken) =>
        StreamCall.Start(this, run, observer, text, enumeratorToken);

    /// <summary>
    /// One streaming attempt up to its first content. Its watch (one timer on the engine's clock) enforces the attempt
    /// timeout until the first update of any kind (the built-in providers yield one when the response headers arrive),
    /// then the first-token timeout until the first content; the stall timeout takes over once the stream is open.
    /// </summary>
    // atCallStart: the call's first attempt, run at once, starts when the call did (as for plain calls).
    private async ValueTask<AttemptOutcome> OpenAttemptAsync(RouteCallState call, ModelSlot slot, CancellationToken attemptToken, CancellationToken raceToken, bool atCallStart = false)
    {
        // One clock read serves the deadline check, the attempt's start and its first limit.
        var started = atCallStart ? call.Started : _time.GetTimestamp();
        if (call.DeadlinePassed(started))
        {
            return AttemptOutcome.Failed(RouteCallState.DeadlineFailure, new TimeoutException(RouteCallState.DeadlineFailure.Message));
        }

        var limits = call.Plan.Limits;
        var activity = _telemetry.StartAttempt(call, slot);
        var attempt = new StreamAttempt(_time, call.AttemptToken, call.Deadline, slot, started, activity);
        if (attemptToken != call.AttemptToken)
        {
            attempt.LinkUntilOpen(attemptToken);
        }

        var continued = call.PrefillMessages is not null && slot.Target.AcceptsPrefill;
        attempt.Continued = continued;
        var skipped = 0;
        try
        {
            attempt.Arm(StreamPhase.Headers, call.AttemptBudget(_time, started, limits.Attempt), started);
            // A continuation on a model with its own prompt variant sends that variant's messages with the same prefill.
            var messages = !continued ? call.MessagesFor(slot) : slot.PromptVariant < 0 ? call.PrefillMessages! : WithPrefill(call.MessagesFor(slot), call.PrefillMessages![^1].Text);
            var token = attempt.Cancellation.Token;
            var updates = slot.Client.GetStreamingResponseAsync(messages, call.OptionsFor(slot), token).GetAsyncEnumerator(token);
            attempt.Updates = updates;
            // The updates before the first content are kept only when there are any (most streams start with content).
            List<ChatResponseUpdate>? preamble = null;
            ChatResponseUpdate update;
            while (true)
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new ProviderException(FailureKind.InvalidResponse, "The stream ended before any content.");
                }

                update = updates.Current;
                skipped = Math.Max(skipped, SkippedEvents(update));
                if (!string.IsNullOrEmpty(update.Text) || update.Contents.Count > 0 && HasNonUsageContent(update))
                {
                    break;
                }

                (preamble ??= new List<ChatResponseUpdate>(1)).Add(update);

                if (attempt.Phase == StreamPhase.Headers)
                {
                    var now = _time.GetTimestamp();
                    attempt.Arm(StreamPhase.FirstToken, call.AttemptBudget(_time, now, limits.FirstToken), now);
                }
            }

            attempt.SkippedEvents = skipped;
            attempt.Opened(preamble, update, _time.GetTimestamp(), limits.Stall);
            return AttemptOutcome.Success(null, attempt);
        }
        catch (Exception error)
        {
            var failure = OpenFailure(call, attempt, error, raceToken, limits);
            await attempt.CloseAsync(disposeActivity: false).ConfigureAwait(false);
            Record(call, slot, started, null, failure, activity, skippedEvents: skipped);
            activity?.Dispose();
            ReportHealth(slot.Target, failure);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    /// <summary>Why a stream failed to open: the caller, a lost hedge race, the route's deadline, one of the watch's limits, or the provider.</summary>
    private ClassifiedFailure OpenFailure(RouteCallState call, StreamAttempt watch, Exception error, CancellationToken raceToken, RouteLimits limits)
    {
        if (call.CallerToken.IsCancellationRequested)
        {
            return FailureClassifier.Classify(new OperationCanceledException(call.CallerToken), call.CallerToken);
        }

        // Once a limit fired, whatever the provider threw (a cancellation, a cut stream) is that limit's doing.
        if (watch.Fired is { } phase)
        {
            var limit = call.DeadlinePassed(_time) ? RouteCallState.DeadlineFailure
                : phase == StreamPhase.Headers ? new ClassifiedFailure(FailureKind.NoResponse, null, null, null, $"No response within the attempt timeout of {limits.Attempt.TotalMilliseconds:0} ms.")
                : new ClassifiedFailure(FailureKind.NoResponse, null, null, null, $"The response started but no content came within the first-token timeout of {limits.FirstToken.TotalMilliseconds:0} ms.");

            // A game day's injected delay (Failover:Chaos) is what made the limit fire: say so, as for every injected fault.
            return limit with { Injected = ChaosMarker.IsInjected(error) };
        }

        if (error is OperationCanceledException)
        {
            if (raceToken.IsCancellationRequested && !call.DeadlinePassed(_time))
            {
                return new ClassifiedFailure(FailureKind.Cancelled, null, null, null, "Cancelled: another model answered first (hedging).");
            }

            if (call.AttemptToken.IsCancellationRequested || call.DeadlinePassed(_time))
            {
                return RouteCallState.DeadlineFailure;
            }
        }

        return FailureClassifier.Classify(error, call.CallerToken);
    }

    /// <summary>Why an open stream broke: the caller, the route's total timeout, the stall limit, or the provider.</summary>
    private ClassifiedFailure StreamFailure(RouteCallState call, StreamAttempt open, Exception error)
    {
        if (call.CallerToken.IsCancellationRequested)
        {
            return FailureClassifier.Classify(new OperationCanceledException(call.CallerToken), call.CallerToken);
        }

        if (call.AttemptToken.IsCancellationRequested || call.DeadlinePassed(_time))
        {
            return RouteCallState.DeadlineFailure;
        }

        if (open.Fired is StreamPhase.Streaming)
        {
            return new ClassifiedFailure(FailureKind.Timeout, null, null, null, $"The stream stalled: no chunk within the stall timeout of {call.Plan.Limits.Stall.TotalMilliseconds:0} ms.");
        }

        return FailureClassifier.Classify(error, call.CallerToken);
    }

    /// <summary>The request plus the partial answer as a trailing assistant message, for a model that continues it.</summary>
    private static List<ChatMessage> WithPrefill(IList<ChatMessage> messages, string partial)
    {
        var withPrefill = new List<ChatMessage>(messages.Count + 1);
        withPrefill.AddRange(messages);
        withPrefill.Add(new ChatMessage(ChatRole.Assistant, partial));
        return withPrefill;
    }

    private static int SkippedEvents(ChatResponseUpdate update) =>
        update.AdditionalProperties is { Count: > 0 } properties && properties.TryGetValue(StreamSignals.SkippedEvents, out var value)
            ? value switch { int count => count, long count => (int)Math.Min(count, int.MaxValue), _ => 0 }
            : 0;

    // Indexed, not foreach: Contents is an IList, whose enumerator would be boxed, an allocation per chunk.
    private static bool HasNonUsageContent(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not UsageContent)
            {
                return true;
            }
        }

        return false;
    }

    private static void Count(ChatResponseUpdate update, UsageDetails usage)
    {
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent { Details: { } details })
            {
                usage.InputTokenCount = (usage.InputTokenCount ?? 0) + (details.InputTokenCount ?? 0);
                usage.OutputTokenCount = (usage.OutputTokenCount ?? 0) + (details.OutputTokenCount ?? 0);
            }
        }
    }
}
