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
    private static readonly Func<ChatResponse, ChatResponseUpdate> NoReader = static _ => throw new InvalidOperationException("Streams are not read whole.");

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

    internal async IAsyncEnumerable<ChatResponseUpdate> StreamCoreAsync(RoutePlan plan, IList<ChatMessage> messages, string? canaryKey, ChatOptions? chatOptions, IRouteStreamObserver observer, CancellationToken callerToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        // A caller cancels through the method's token or through WithCancellation: both are the caller's, and neither
        // may count against a model's health or move the stream to the next model.
        using var callerLink = callerToken.CanBeCanceled && enumeratorToken.CanBeCanceled && callerToken != enumeratorToken
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken)
            : null;
        var call = new RouteCall<ChatResponseUpdate>(plan, messages, NoReader, callerLink?.Token ?? (callerToken.CanBeCanceled ? callerToken : enumeratorToken))
        {
            CanaryKey = canaryKey,
            IsStream = true,
            ChatOptions = chatOptions,
        };
        Order(call);
        observer.Started(call.Attempts);
        call.Started = _time.GetTimestamp();
        call.Observed = IsObserved;
        using var callActivity = _telemetry.StartCall(call);
        call.Activity = callActivity;

        // A stream outlives its attempts, so its total timeout is also a timer on the engine's clock that ends the stream:
        // the lifetime source carries that timer itself, and the caller's token cancels it (one source, not a timeout
        // source plus a linked one). Disposed in reverse order: the caller's registration goes before the source.
        using var lifetime = plan.TotalTimeout is { } total ? new CancellationTokenSource(total, _time) : new CancellationTokenSource();
        using var callerStops = call.CallerToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), lifetime);
        call.AttemptToken = lifetime.Token;
        if (plan.TotalTimeout is { } budget)
        {
            call.Deadline = call.Started + (long)(budget.TotalSeconds * _time.TimestampFrequency);
        }

        var open = await OpenAsync(call, observer).ConfigureAwait(false);
        var chunks = 0;
        long characters = 0;
        var usage = new UsageDetails();
        var partial = plan.Recovery == StreamRecovery.Continue ? new StringBuilder() : null;
        try
        {
            while (true)
            {
                // What the opening read: the updates before the first content (headers, usage), if any, then that content.
                var preamble = open.Preamble;
                var leading = preamble?.Count ?? 0;
                for (var i = 0; i <= leading; i++)
                {
                    var update = i < leading ? preamble![i] : open.FirstContent;
                    Count(update, usage);
                    chunks += update.Contents.Count > 0 ? 1 : 0; // the providers' headers update carries no content: not a chunk
                    var text = update.Text; // computed from the contents on each read
                    characters += text?.Length ?? 0;
                    partial?.Append(text);
                    yield return update;
                }

                Exception? broke = null;
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        open.Watch.Rearm();
                        if (!await open.Updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        update = open.Updates.Current;
                    }
                    catch (Exception error)
                    {
                        broke = error;
                        break;
                    }

                    open.SkippedEvents = Math.Max(open.SkippedEvents, SkippedEvents(update));
                    Count(update, usage);
                    chunks += update.Contents.Count > 0 ? 1 : 0; // the providers' headers update carries no content: not a chunk
                    var text = update.Text; // computed from the contents on each read
                    characters += text?.Length ?? 0;
                    partial?.Append(text);
                    yield return update;
                }

                if (broke is null)
                {
                    Record(call, open.Slot, open.Started, new ChatResponse { Usage = usage }, default, open.Activity, open.TimeToFirstToken, open.SkippedEvents);
                    _health.OnSuccess(open.Slot.Target);
                    var result = Complete(call, open.Slot, RouteOutcome.Served)!;
                    observer.Ended(result, usage);
                    yield break;
                }

                // The stream broke after content reached the caller.
                var failure = StreamFailure(call, open, broke);
                Record(call, open.Slot, open.Started, new ChatResponse { Usage = usage }, failure, open.Activity, open.TimeToFirstToken, open.SkippedEvents);
                ReportHealth(open.Slot.Target, failure);
                var broken = open;
                await broken.CloseAsync().ConfigureAwait(false);
                if (failure.Kind == FailureKind.Cancelled && call.CallerToken.IsCancellationRequested)
                {
                    observer.Ended(Complete(call, null, RouteOutcome.Cancelled)!, null);
                    call.CallerToken.ThrowIfCancellationRequested();
                }

                var recover = plan.Recovery != StreamRecovery.None && Decide(call, broken.Slot, AttemptOutcome.Failed(failure, broke));
                OpenStream? next = null;
                if (recover)
                {
                    call.PrefillMessages = partial is { Length: > 0 } ? WithPrefill(messages, partial.ToString()) : null;
                    var (winner, outcome) = await WalkAsync(call).ConfigureAwait(false);
                    next = winner is null ? null : (OpenStream)outcome.Value!;
                }

                if (next is null)
                {
                    observer.Ended(Complete(call, null, RouteOutcome.Failed)!, null);
                    throw new StreamInterruptedException(plan.Route, broken.Slot.Target, chunks, characters, failure.Kind, call.Attempts, broke, recover ? call.Reason : null);
                }

                open = next;
                if (open.Continued)
                {
                    observer.Continued();
                }
                else
                {
                    // Everything delivered so far is void: the new model answers from the start.
                    var restart = new StreamRestart(broken.Slot.Target, open.Slot.Target, failure.Kind, chunks, characters, call.Attempts.Count);
                    observer.Restarted(restart);
                    chunks = 0;
                    characters = 0;
                    partial?.Clear();
                    usage = new UsageDetails();
                    yield return new StreamRestartUpdate(restart);
                }
            }
        }
        finally
        {
            await open.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Walks the chain until a stream delivers its first content; throws a <see cref="FailoverException"/> when none does.</summary>
    private async Task<OpenStream> OpenAsync(RouteCall<ChatResponseUpdate> call, IRouteStreamObserver observer)
    {
        var (winner, outcome) = await WalkAsync(call).ConfigureAwait(false);
        if (winner is not null)
        {
            return (OpenStream)outcome.Value!;
        }

        if (call.CallerCancelled)
        {
            observer.Ended(Complete(call, null, RouteOutcome.Cancelled)!, null);
            call.CallerToken.ThrowIfCancellationRequested();
        }

        observer.Ended(Complete(call, null, RouteOutcome.Failed)!, null);
        throw new FailoverException(call.Plan.Route, call.Attempts, call.Reason, call.LastError);
    }

    /// <summary>
    /// One streaming attempt up to its first content. Its watch (one timer on the engine's clock) enforces the attempt
    /// timeout until the first update of any kind (the built-in providers yield one when the response headers arrive),
    /// then the first-token timeout until the first content; the stall timeout takes over once the stream is open.
    /// </summary>
    private async ValueTask<AttemptOutcome> OpenAttemptAsync(RouteCallState call, ModelSlot slot, CancellationToken attemptToken, CancellationToken raceToken)
    {
        if (call.DeadlinePassed(_time))
        {
            return AttemptOutcome.Failed(RouteCallState.DeadlineFailure, new TimeoutException(RouteCallState.DeadlineFailure.Message));
        }

        var limits = call.Plan.Limits;
        var activity = _telemetry.StartAttempt(call, slot);
        var started = _time.GetTimestamp();
        var watch = new StreamWatch(_time, call.AttemptToken);
        if (attemptToken != call.AttemptToken)
        {
            watch.LinkUntilOpen(attemptToken);
        }

        var continued = call.PrefillMessages is not null && slot.Target.AcceptsPrefill;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        var skipped = 0;
        try
        {
            watch.Arm(StreamPhase.Headers, call.AttemptBudget(_time, limits.Attempt));
            // A continuation on a model with its own prompt variant sends that variant's messages with the same prefill.
            var messages = !continued ? call.MessagesFor(slot) : slot.PromptVariant < 0 ? call.PrefillMessages! : WithPrefill(call.MessagesFor(slot), call.PrefillMessages![^1].Text);
            updates = slot.Client.GetStreamingResponseAsync(messages, call.OptionsFor(slot), watch.Cancellation.Token).GetAsyncEnumerator(watch.Cancellation.Token);
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

                if (watch.Phase == StreamPhase.Headers)
                {
                    watch.Arm(StreamPhase.FirstToken, call.AttemptBudget(_time, limits.FirstToken));
                }
            }

            watch.Opened();
            watch.Arm(StreamPhase.Streaming, limits.Stall);
            return AttemptOutcome.Success(null, new OpenStream(slot, updates, watch, preamble, update, started, _time.GetElapsedTime(started), activity, continued, skipped));
        }
        catch (Exception error)
        {
            var failure = OpenFailure(call, watch, error, raceToken, limits);
            if (updates is not null)
            {
                try
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The attempt already failed; a failure to dispose its stream adds nothing.
                }
            }

            watch.Dispose();
            Record(call, slot, started, null, failure, activity, skippedEvents: skipped);
            activity?.Dispose();
            ReportHealth(slot.Target, failure);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    /// <summary>Why a stream failed to open: the caller, a lost hedge race, the route's deadline, one of the watch's limits, or the provider.</summary>
    private ClassifiedFailure OpenFailure(RouteCallState call, StreamWatch watch, Exception error, CancellationToken raceToken, RouteLimits limits)
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
    private ClassifiedFailure StreamFailure(RouteCallState call, OpenStream open, Exception error)
    {
        if (call.CallerToken.IsCancellationRequested)
        {
            return FailureClassifier.Classify(new OperationCanceledException(call.CallerToken), call.CallerToken);
        }

        if (call.AttemptToken.IsCancellationRequested || call.DeadlinePassed(_time))
        {
            return RouteCallState.DeadlineFailure;
        }

        if (open.Watch.Fired is StreamPhase.Streaming)
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
