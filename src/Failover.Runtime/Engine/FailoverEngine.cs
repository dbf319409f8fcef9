using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly;

namespace Failover;

/// <summary>
/// Runs routes: the primary, then each fallback in order, each model behind its own retry pipeline. Every
/// failure is classified once and the <see cref="FailurePolicy"/> decides whether to retry, move on or stop.
/// Generated clients call it; application code rarely does.
/// </summary>
public sealed class FailoverEngine
{
    private readonly RoutePlanner _planner;
    private readonly IOptionsMonitor<FailoverOptions> _options;
    private readonly TimeProvider _time;
    private readonly IRoutingEventSink[] _sinks;
    private readonly IRouteHealthStore _health;
    private readonly ConcurrentDictionary<RouteDescriptor, RoutePlan> _plans = new(ReferenceEqualityComparer.Instance);

    internal FailoverEngine(ProviderDirectory providers, IOptionsMonitor<FailoverOptions> options, TimeProvider time, IEnumerable<IRoutingEventSink> sinks, IRouteHealthStore health)
    {
        _health = health;
        _planner = new RoutePlanner(providers, time);
        _options = options;
        _time = time;
        _sinks = [.. sinks];
        _options.OnChange(_ => _plans.Clear());
    }

    /// <summary>Checks that every model of the route can be reached; throws a <see cref="FailoverConfigurationException"/> naming the route and provider otherwise.</summary>
    public void Validate(RouteDescriptor route) => GetPlan(route);

    /// <summary>Runs the route and returns the serving model's text.</summary>
    public async Task<string> GetTextAsync(RouteDescriptor route, IList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        (await RunAsync(route, messages, ResponseReaders.Text, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Runs the route and returns the serving model's whole response.</summary>
    public async Task<ChatResponse> GetResponseAsync(RouteDescriptor route, IList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        (await RunAsync(route, messages, ResponseReaders.Response, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Runs the route and reads the answer with <paramref name="read"/>. An exception from <paramref name="read"/>
    /// (invalid JSON, schema mismatch) is an <see cref="FailureKind.InvalidResponse"/> failure and the route moves on.
    /// </summary>
    public Task<RouteResult<T>> RunAsync<T>(RouteDescriptor route, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(read);
        return RunCoreAsync(new RouteCall<T>(GetPlan(route), messages, read, cancellationToken));
    }

    private RoutePlan GetPlan(RouteDescriptor route)
    {
        if (_plans.TryGetValue(route, out var plan))
        {
            return plan;
        }

        return _plans.GetOrAdd(route, _planner.Build(route, _options.CurrentValue));
    }

    private async Task<RouteResult<T>> RunCoreAsync<T>(RouteCall<T> call)
    {
        var plan = call.Plan;
        var started = _time.GetTimestamp();

        CancellationTokenSource? deadline = null;
        var token = call.CallerToken;
        if (plan.TotalTimeout is { } total)
        {
            deadline = CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken);
            deadline.CancelAfter(total);
            token = deadline.Token;
        }

        try
        {
            var walk = new ChainWalk(plan.Slots);
            while (NextSlot(call, walk) is { } slot)
            {
                var outcome = await ExecuteSlotAsync(call, slot, token, CancellationToken.None).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    call.Value = (T)outcome.Value!;
                    return Complete(call, slot.Target, started, RouteOutcome.Served);
                }

                if (!ShouldContinue(call, walk, slot, outcome, deadline, started))
                {
                    break;
                }
            }

            Complete(call, null, started, RouteOutcome.Failed);
            throw new FailoverException(plan.Route, call.Attempts, walk.Reason, walk.LastError);
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    /// <summary>
    /// The next model to try, after skipping (with a Skipped event) what earlier failures ruled out and what the health
    /// store says is down. When every model was skipped as unhealthy and none was tried, the one whose cooldown ends
    /// first is tried anyway: a route should not fail without a single call.
    /// </summary>
    private ModelSlot? NextSlot<T>(RouteCall<T> call, ChainWalk walk)
    {
        while (walk.TryTake(out var slot))
        {
            var target = slot.Target;
            if (walk.ExcludedProviders is not null && walk.ExcludedProviders.Contains(target.Provider))
            {
                Publish(call, target, $"provider '{target.Provider}' already failed authentication or quota");
                continue;
            }

            if (walk.MinContextWindow > 0 && target.ContextWindow <= walk.MinContextWindow)
            {
                Publish(call, target, $"context window {target.ContextWindow} is not larger than {walk.MinContextWindow}");
                continue;
            }

            var health = _health.TryEnter(target);
            if (!health.IsAvailable)
            {
                walk.Unhealthy.Add((slot, health.Until ?? DateTimeOffset.MaxValue));
                Publish(call, target, health.Reason ?? "unhealthy");
                continue;
            }

            return slot;
        }

        if (call.Attempts.Count == 0 && walk.Unhealthy.Count > 0 && !walk.LastResortUsed)
        {
            walk.LastResortUsed = true;
            var earliest = walk.Unhealthy[0];
            foreach (var candidate in walk.Unhealthy)
            {
                if (candidate.Until < earliest.Until)
                {
                    earliest = candidate;
                }
            }

            return earliest.Slot;
        }

        return null;
    }

    private async ValueTask<AttemptOutcome> ExecuteSlotAsync<T>(RouteCall<T> call, ModelSlot slot, CancellationToken token, CancellationToken raceToken)
    {
        var context = ResilienceContextPool.Shared.Get(token);
        try
        {
            return await slot.Pipeline.ExecuteAsync(
                static (context, state) => state.Engine.AttemptAsync(state.Call, state.Slot, context.CancellationToken, state.RaceToken),
                context,
                (Engine: this, Call: call, Slot: slot, RaceToken: raceToken)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Applies the failure policy to a failed slot: throws on caller cancellation, returns false when the route stops.</summary>
    private bool ShouldContinue<T>(RouteCall<T> call, ChainWalk walk, ModelSlot slot, AttemptOutcome outcome, CancellationTokenSource? deadline, long started)
    {
        var plan = call.Plan;
        walk.LastError = outcome.Error;
        var failure = outcome.Failure;
        if (failure.Kind == FailureKind.Cancelled && call.CallerToken.IsCancellationRequested)
        {
            Complete(call, null, started, RouteOutcome.Cancelled);
            call.CallerToken.ThrowIfCancellationRequested();
        }

        if (deadline is not null && deadline.IsCancellationRequested && !call.CallerToken.IsCancellationRequested)
        {
            walk.Reason = $"the route's total timeout of {plan.TotalTimeout!.Value.TotalMilliseconds:0} ms elapsed.";
            return false;
        }

        var decision = FailurePolicy.Decide(failure.Kind, plan.Route.FallbackOnContentPolicy);
        if (failure.Kind == FailureKind.Cancelled)
        {
            // Cancelled by the engine itself (a hedge race that was decided elsewhere): not a verdict on the model.
            return true;
        }

        if (decision.Fallback == FallbackRule.Stop)
        {
            walk.Reason = StopReason(failure.Kind);
            return false;
        }

        if (decision.Fallback == FallbackRule.OtherProvider)
        {
            (walk.ExcludedProviders ??= new List<string>(2)).Add(slot.Target.Provider);
        }
        else if (decision.Fallback == FallbackRule.LargerContextOnly)
        {
            walk.MinContextWindow = Math.Max(walk.MinContextWindow, Math.Max(slot.Target.ContextWindow, 1));
            walk.Reason = "the prompt did not fit, and no later model has a larger context window.";
        }

        return true;
    }

    private async ValueTask<AttemptOutcome> AttemptAsync<T>(RouteCall<T> call, ModelSlot slot, CancellationToken attemptToken, CancellationToken raceToken)
    {
        var started = _time.GetTimestamp();
        ChatResponse? response = null;
        try
        {
            response = await slot.Client.GetResponseAsync(call.Messages, slot.Options, attemptToken).ConfigureAwait(false);
            var value = call.Read(response);
            Record(call, slot, started, response, default);
            _health.OnSuccess(slot.Target);
            return AttemptOutcome.Success(response, value);
        }
        catch (Exception error)
        {
            var failure = Classify(error, response, call.CallerToken, raceToken);
            Record(call, slot, started, response, failure);
            ReportHealth(slot.Target, failure);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    private static ClassifiedFailure Classify(Exception error, ChatResponse? response, CancellationToken callerToken, CancellationToken raceToken)
    {
        if (error is OperationCanceledException && raceToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            return new ClassifiedFailure(FailureKind.Cancelled, null, null, null, "Cancelled: another model answered first (hedging).");
        }

        return response is not null && error is not OperationCanceledException
            ? new ClassifiedFailure(FailureKind.InvalidResponse, null, null, null, "The response could not be read: " + error.Message)
            : FailureClassifier.Classify(error, callerToken);
    }

    private void ReportHealth(ModelTarget target, ClassifiedFailure failure)
    {
        if (failure.Kind == FailureKind.Cancelled)
        {
            _health.Release(target);
        }
        else
        {
            _health.OnFailure(target, failure);
        }
    }

    private void Record<T>(RouteCall<T> call, ModelSlot slot, long started, ChatResponse? response, ClassifiedFailure failure)
    {
        // A failed attempt is never billed as a completion; a response that could not be read was still paid for.
        var input = response?.Usage?.InputTokenCount ?? 0;
        var output = response?.Usage?.OutputTokenCount ?? 0;
        var attempt = new RouteAttempt
        {
            Number = call.Attempts.Count + 1,
            Model = slot.Target,
            Latency = _time.GetElapsedTime(started),
            Failure = failure.Kind,
            StatusCode = failure.StatusCode,
            ProviderErrorCode = failure.ProviderErrorCode,
            Message = failure.Kind == FailureKind.None ? null : failure.Message,
            InputTokens = input,
            OutputTokens = output,
            Cost = response is null ? null : slot.Target.CostOf(input, output),
        };
        lock (call.Attempts)
        {
            call.Attempts.Add(attempt);
        }

        if (_sinks.Length > 0)
        {
            Publish(new RoutingEvent
            {
                Kind = RoutingEventKind.Attempt,
                Route = call.Plan.Route,
                AttemptNumber = attempt.Number,
                Model = attempt.Model,
                Latency = attempt.Latency,
                InputTokens = input,
                OutputTokens = output,
                Cost = attempt.Cost,
                Failure = attempt.Failure,
                StatusCode = attempt.StatusCode,
                ProviderErrorCode = attempt.ProviderErrorCode,
                Reason = attempt.Message,
                FallbackTaken = !ReferenceEquals(slot.Target, call.Plan.Route.Primary),
            });
        }
    }

    private RouteResult<T> Complete<T>(RouteCall<T> call, ModelTarget? servedBy, long started, RouteOutcome outcome)
    {
        var route = call.Plan.Route;
        if (outcome == RouteOutcome.Served && servedBy is not null && !ReferenceEquals(servedBy, route.Primary))
        {
            outcome = RouteOutcome.ServedByFallback;
        }

        var result = new RouteResult<T>(call.Value!, route, servedBy, call.Attempts, isDegraded: false);
        if (_sinks.Length > 0)
        {
            Publish(new RoutingEvent
            {
                Kind = RoutingEventKind.Completed,
                Route = route,
                Model = servedBy,
                Latency = _time.GetElapsedTime(started),
                InputTokens = result.InputTokens,
                OutputTokens = result.OutputTokens,
                Cost = result.Cost,
                Failure = call.Attempts.Count == 0 ? FailureKind.None : call.Attempts[^1].Failure,
                FallbackTaken = outcome != RouteOutcome.Served,
                Outcome = outcome,
                AttemptCount = call.Attempts.Count,
            });
        }

        return result;
    }

    private void Publish<T>(RouteCall<T> call, ModelTarget skipped, string reason)
    {
        if (_sinks.Length > 0)
        {
            Publish(new RoutingEvent
            {
                Kind = RoutingEventKind.Skipped,
                Route = call.Plan.Route,
                Model = skipped,
                Reason = reason,
                FallbackTaken = true,
            });
        }
    }

    private void Publish(RoutingEvent routingEvent)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnEvent(routingEvent);
            }
            catch (Exception)
            {
                // A broken sink must not break the call it observes.
            }
        }
    }

    private static string StopReason(FailureKind kind) => kind switch
    {
        FailureKind.ContentPolicy => "the provider blocked the content; a blocked prompt is not retried or sent to another model unless the route sets FallbackOnContentPolicy = true.",
        FailureKind.MalformedRequest => "the provider rejected the request as malformed; the same request would fail everywhere, so it is surfaced instead of retried.",
        _ => $"a {kind} failure stops the route.",
    };
}
