using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;

namespace Failover;

/// <summary>
/// Streamed route calls. Until the first chunk reaches the caller a stream fails over like any call (same
/// classification, policy, retries and health); after it, a break surfaces as a <see cref="StreamInterruptedException"/>.
/// The per-attempt timeout bounds the time to the first chunk; the total timeout bounds the whole stream.
/// Hedging and degradation do not apply to streams.
/// </summary>
public sealed partial class FailoverEngine
{
    private static readonly Func<ChatResponse, ChatResponseUpdate> NoReader = static _ => throw new InvalidOperationException("Streams are not read whole.");

    /// <summary>Streams the serving model's text, chunk by chunk.</summary>
    public async IAsyncEnumerable<string> StreamTextAsync(RouteDescriptor route, IList<ChatMessage> messages, string? canaryKey = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in StreamUpdatesAsync(route, messages, canaryKey, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return update.Text;
            }
        }
    }

    /// <summary>Streams the serving model's updates as the provider sends them.</summary>
    public IAsyncEnumerable<ChatResponseUpdate> StreamUpdatesAsync(RouteDescriptor route, IList<ChatMessage> messages, string? canaryKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);

        // The plan is resolved now, so a configuration problem surfaces at the call rather than at the first MoveNext.
        return StreamCoreAsync(GetPlan(route), messages, canaryKey, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamCoreAsync(RoutePlan plan, IList<ChatMessage> messages, string? canaryKey, CancellationToken callerToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        // A caller cancels through the method's token or through WithCancellation: both are the caller's, and neither
        // may count against a model's health or move the stream to the next model.
        using var callerLink = callerToken.CanBeCanceled && enumeratorToken.CanBeCanceled && callerToken != enumeratorToken
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken)
            : null;
        var call = new RouteCall<ChatResponseUpdate>(plan, messages, NoReader, callerLink?.Token ?? (callerToken.CanBeCanceled ? callerToken : enumeratorToken))
        {
            CanaryKey = canaryKey,
        };
        var started = _time.GetTimestamp();
        using var callActivity = _telemetry.StartCall(call);
        call.Activity = callActivity;
        // A stream outlives its attempts, so its total timeout is a timer on the engine's clock that cancels the stream.
        using var timeout = plan.TotalTimeout is { } total ? new CancellationTokenSource(total, _time) : null;
        using var deadline = timeout is null
            ? CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken)
            : CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken, timeout.Token);
        if (plan.TotalTimeout is { } budget)
        {
            call.Deadline = started + (long)(budget.TotalSeconds * _time.TimestampFrequency);
        }

        var open = await OpenFirstAsync(call, deadline, started).ConfigureAwait(false);
        var chunks = 0;
        long characters = 0;
        var usage = new UsageDetails();
        try
        {
            foreach (var update in open.FirstChunks)
            {
                Count(update, usage);
                chunks += update.Contents.Count > 0 ? 1 : 0; // the providers' headers update carries no content: not a chunk
                characters += update.Text?.Length ?? 0;
                yield return update;
            }

            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await open.Updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = open.Updates.Current;
                }
                catch (Exception error)
                {
                    var failure = FailureClassifier.Classify(error, call.CallerToken);
                    Record(call, open.Slot, open.Started, new ChatResponse { Usage = usage }, failure, open.Activity, open.TimeToFirstToken);
                    ReportHealth(open.Slot.Target, failure);
                    if (failure.Kind == FailureKind.Cancelled)
                    {
                        Complete(call, null, started, RouteOutcome.Cancelled);
                        throw;
                    }

                    Complete(call, null, started, RouteOutcome.Failed);
                    throw new StreamInterruptedException(plan.Route, open.Slot.Target, chunks, characters, failure.Kind, call.Attempts, error);
                }

                Count(update, usage);
                chunks += update.Contents.Count > 0 ? 1 : 0; // the providers' headers update carries no content: not a chunk
                characters += update.Text?.Length ?? 0;
                yield return update;
            }

            Record(call, open.Slot, open.Started, new ChatResponse { Usage = usage }, default, open.Activity, open.TimeToFirstToken);
            _health.OnSuccess(open.Slot.Target);
            Complete(call, open.Slot.Target, started, RouteOutcome.Served);
        }
        finally
        {
            await open.Updates.DisposeAsync().ConfigureAwait(false);
            open.Cancellation.Dispose();
            open.Activity?.Dispose();
        }
    }

    private async Task<OpenStream> OpenFirstAsync(RouteCall<ChatResponseUpdate> call, CancellationTokenSource deadline, long started)
    {
        var walk = new ChainWalk(Order(call));
        while (NextSlot(call, walk) is { } slot)
        {
            var context = ResilienceContextPool.Shared.Get(deadline.Token);
            AttemptOutcome outcome;
            try
            {
                outcome = await slot.Pipeline.ExecuteAsync(
                    static (context, state) => state.Engine.OpenAttemptAsync(state.Call, state.Slot, state.Deadline, context.CancellationToken),
                    context,
                    (Engine: this, Call: call, Slot: slot, Deadline: deadline.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException error)
            {
                // Cancelled during a backoff or before an attempt started: the caller, or the stream's total timeout.
                outcome = AttemptOutcome.Failed(CancellationOutside(call, CancellationToken.None), error);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (outcome.Succeeded)
            {
                return (OpenStream)outcome.Value!;
            }

            if (!ShouldContinue(call, walk, slot, outcome, started))
            {
                break;
            }
        }

        Complete(call, null, started, RouteOutcome.Failed);
        throw new FailoverException(call.Plan.Route, call.Attempts, walk.Reason, walk.LastError);
    }

    /// <summary>
    /// One streaming attempt up to its first chunk with content. The stream gets its own token (linked to the route's
    /// deadline), because it outlives the attempt: the attempt timeout only cancels it while waiting for the first chunk.
    /// </summary>
    private async ValueTask<AttemptOutcome> OpenAttemptAsync(RouteCall<ChatResponseUpdate> call, ModelSlot slot, CancellationToken streamToken, CancellationToken attemptToken)
    {
        var activity = _telemetry.StartAttempt(call, slot.Target);
        var started = _time.GetTimestamp();
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(streamToken);
        var registration = attemptToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancellation);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            updates = slot.Client.GetStreamingResponseAsync(call.Messages, slot.Options, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
            var first = new List<ChatResponseUpdate>(1);
            while (true)
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new ProviderException(FailureKind.InvalidResponse, "The stream ended before any content.");
                }

                first.Add(updates.Current);
                if (!string.IsNullOrEmpty(updates.Current.Text) || updates.Current.Contents.Count > 0 && HasNonUsageContent(updates.Current))
                {
                    break;
                }
            }

            await registration.DisposeAsync().ConfigureAwait(false);
            return AttemptOutcome.Success(null, new OpenStream(slot, updates, cancellation, first, started, _time.GetElapsedTime(started), activity));
        }
        catch (Exception error)
        {
            await registration.DisposeAsync().ConfigureAwait(false);
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

            cancellation.Dispose();
            var failure = FailureClassifier.Classify(error, call.CallerToken);
            Record(call, slot, started, null, failure, activity);
            activity?.Dispose();
            ReportHealth(slot.Target, failure);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    private static bool HasNonUsageContent(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is not UsageContent)
            {
                return true;
            }
        }

        return false;
    }

    private static void Count(ChatResponseUpdate update, UsageDetails usage)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent { Details: { } details })
            {
                usage.InputTokenCount = (usage.InputTokenCount ?? 0) + (details.InputTokenCount ?? 0);
                usage.OutputTokenCount = (usage.OutputTokenCount ?? 0) + (details.OutputTokenCount ?? 0);
            }
        }
    }
}
