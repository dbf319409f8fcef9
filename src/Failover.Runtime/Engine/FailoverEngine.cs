using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
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
    private readonly EngineTelemetry _telemetry;
    private readonly ConcurrentDictionary<RouteDescriptor, RoutePlan> _plans = new(ReferenceEqualityComparer.Instance);

    internal FailoverEngine(ProviderDirectory providers, IOptionsMonitor<FailoverOptions> options, TimeProvider time, IEnumerable<IRoutingEventSink> sinks, EngineTelemetry? telemetry = null)
    {
        _planner = new RoutePlanner(providers, time);
        _options = options;
        _time = time;
        _telemetry = telemetry ?? new EngineTelemetry();
        _sinks = [_telemetry, .. sinks]; // built-in logs and metrics come from the same events as user sinks
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
        var route = plan.Route;
        var started = _time.GetTimestamp();
        call.Activity = _telemetry.StartCall(call);

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
            List<string>? excludedProviders = null;
            var minContextWindow = 0;
            string reason = "every model in the chain failed.";
            Exception? lastError = null;

            foreach (var slot in plan.Slots)
            {
                var target = slot.Target;
                if (excludedProviders is not null && excludedProviders.Contains(target.Provider))
                {
                    Publish(call, target, $"provider '{target.Provider}' already failed authentication or quota");
                    continue;
                }

                if (minContextWindow > 0 && target.ContextWindow <= minContextWindow)
                {
                    Publish(call, target, $"context window {target.ContextWindow} is not larger than {minContextWindow}");
                    continue;
                }

                call.CurrentSlot = slot;
                var context = ResilienceContextPool.Shared.Get(token);
                AttemptOutcome outcome;
                try
                {
                    outcome = await slot.Pipeline.ExecuteAsync(
                        static (context, state) => state.Engine.AttemptAsync(state.Call, context.CancellationToken),
                        context,
                        (Engine: this, Call: call)).ConfigureAwait(false);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }

                if (outcome.Succeeded)
                {
                    return Complete(call, slot.Target, started, RouteOutcome.Served);
                }

                lastError = outcome.Error;
                var failure = outcome.Failure;
                if (failure.Kind == FailureKind.Cancelled)
                {
                    Complete(call, null, started, RouteOutcome.Cancelled);
                    call.CallerToken.ThrowIfCancellationRequested();
                }

                if (deadline is not null && deadline.IsCancellationRequested && !call.CallerToken.IsCancellationRequested)
                {
                    reason = $"the route's total timeout of {plan.TotalTimeout!.Value.TotalMilliseconds:0} ms elapsed.";
                    break;
                }

                var decision = FailurePolicy.Decide(failure.Kind, route.FallbackOnContentPolicy);
                if (decision.Fallback == FallbackRule.Stop)
                {
                    reason = StopReason(failure.Kind);
                    break;
                }

                if (decision.Fallback == FallbackRule.OtherProvider)
                {
                    (excludedProviders ??= new List<string>(2)).Add(target.Provider);
                }
                else if (decision.Fallback == FallbackRule.LargerContextOnly)
                {
                    minContextWindow = Math.Max(minContextWindow, Math.Max(target.ContextWindow, 1));
                    reason = "the prompt did not fit, and no later model has a larger context window.";
                }
            }

            Complete(call, null, started, RouteOutcome.Failed);
            throw new FailoverException(route, call.Attempts, reason, lastError);
        }
        finally
        {
            deadline?.Dispose();
            call.Activity?.Dispose();
        }
    }

    private async ValueTask<AttemptOutcome> AttemptAsync<T>(RouteCall<T> call, CancellationToken attemptToken)
    {
        var slot = call.CurrentSlot!;
        using var activity = _telemetry.StartAttempt(call, slot.Target);
        var started = _time.GetTimestamp();
        ChatResponse? response = null;
        try
        {
            response = await slot.Client.GetResponseAsync(call.Messages, slot.Options, attemptToken).ConfigureAwait(false);
            call.Value = call.Read(response);
            Record(call, slot, started, response, default, activity);
            return AttemptOutcome.Success(response);
        }
        catch (Exception error)
        {
            var failure = response is not null && error is not OperationCanceledException
                ? new ClassifiedFailure(FailureKind.InvalidResponse, null, null, null, "The response could not be read: " + error.Message)
                : FailureClassifier.Classify(error, call.CallerToken);
            Record(call, slot, started, response, failure, activity);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    private void Record<T>(RouteCall<T> call, ModelSlot slot, long started, ChatResponse? response, ClassifiedFailure failure, Activity? activity)
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

        _telemetry.EndAttempt(activity, call.Plan.Route, attempt, response);

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
        EngineTelemetry.EndCall(call.Activity, result, outcome);
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
        EngineTelemetry.Skipped(call.Activity, skipped, reason);
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
