using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Failover;

/// <summary>
/// Runs routes: the primary, then each fallback in order, each model behind its own retry pipeline. Every
/// failure is classified once and the <see cref="FailurePolicy"/> decides whether to retry, move on or stop.
/// Generated clients call it; application code rarely does.
/// </summary>
public sealed partial class FailoverEngine
{
    private readonly RoutePlanner _planner;
    private readonly IOptionsMonitor<FailoverOptions> _options;
    private readonly TimeProvider _time;
    private readonly IRoutingEventSink[] _sinks;
    private readonly bool _hasUserSinks;
    private readonly EngineTelemetry _telemetry;
    private readonly IRouteHealthStore _health;

    // The store's change announcements, when it makes them on the engine's clock: then a skip is remembered per slot.
    private readonly IRouteHealthChanges? _healthChanges;
    private readonly ILogger _logger;
    private readonly KnownRoutes _inventory;
    private volatile PlanGeneration _generation;

    internal FailoverEngine(ProviderDirectory providers, IOptionsMonitor<FailoverOptions> options, TimeProvider time, IEnumerable<IRoutingEventSink> sinks, IRouteHealthStore health, ILogger logger, EngineTelemetry? telemetry = null, KnownRoutes? inventory = null)
    {
        _inventory = inventory ?? new KnownRoutes();
        _health = health;
        _healthChanges = health is IRouteHealthChanges changes && ReferenceEquals(changes.TimeProvider, time) && RememberedSkip.CanTime(time) ? changes : null;
        _logger = logger;
        _planner = new RoutePlanner(providers, time);
        _options = options;
        _time = time;
        _telemetry = telemetry ?? new EngineTelemetry();
        _sinks = [_telemetry, .. sinks]; // built-in logs and metrics come from the same events as user sinks
        _hasUserSinks = _sinks.Length > 1;

        // The options are validated snapshots (ValidatedFailoverOptions): an invalid configuration threw when they were
        // first read, naming the key, and a rejected change never reaches this listener.
        _generation = new PlanGeneration(_options.CurrentValue);
        _options.OnChange(OnOptionsChanged);
    }

    private void OnOptionsChanged(FailoverOptions options)
    {
        // Plans (chains, retry rules, the kill switch) are rebuilt on next use: a new generation replaces options and
        // plans in one step, so a plan built from the old options while the change lands can never outlive it. Health
        // state belongs to models, not to configuration, so it is kept; the health store reads its thresholds on every call.
        _generation = new PlanGeneration(options);
    }

    /// <summary>Checks that every model of the route can be reached; throws a <see cref="FailoverConfigurationException"/> naming the route and provider otherwise.</summary>
    public void Validate(RouteDescriptor route) => GetPlan(route);

    /// <summary>Runs the route and returns the serving model's text.</summary>
    public Task<string> GetTextAsync(RouteDescriptor route, IList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        RunValueAsync(Start(route, messages, ResponseReaders.Text, cancellationToken, wantsResult: false));

    /// <summary>Runs the route and returns the serving model's whole response.</summary>
    public Task<ChatResponse> GetResponseAsync(RouteDescriptor route, IList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        RunValueAsync(Start(route, messages, ResponseReaders.Response, cancellationToken, wantsResult: false));

    /// <summary>
    /// Runs the route and reads the answer with <paramref name="read"/>. An exception from <paramref name="read"/>
    /// (invalid JSON, schema mismatch) is an <see cref="FailureKind.InvalidResponse"/> failure and the route moves on.
    /// </summary>
    public Task<RouteResult<T>> RunAsync<T>(RouteDescriptor route, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken cancellationToken = default) =>
        RunResultAsync(Start(route, messages, read, cancellationToken));

    /// <summary>
    /// Runs the route with per-call inputs: a canary key and a degradation that answers when every model failed
    /// (the result then has <see cref="RouteResult{T}.IsDegraded"/> set).
    /// </summary>
    public Task<RouteResult<T>> RunAsync<T>(RouteDescriptor route, IList<ChatMessage> messages, Func<ChatResponse, T> read, RouteCallOptions<T>? options, CancellationToken cancellationToken = default) =>
        RunResultAsync(Start(route, messages, read, cancellationToken, options));

    private RouteCall<T> Start<T>(RouteDescriptor route, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken cancellationToken, RouteCallOptions<T>? options = null, bool wantsResult = true)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(read);
        var call = new RouteCall<T>(GetPlan(route), messages, read, cancellationToken) { CanaryKey = options?.CanaryKey, Degrade = options?.Degrade, ChatOptions = options?.ChatOptions, WantsResult = wantsResult };
        Order(call);
        return call;
    }

    /// <summary>Runs the route like <see cref="RunAsync{T}(RouteDescriptor, IList{ChatMessage}, Func{ChatResponse, T}, RouteCallOptions{T}?, CancellationToken)"/> and returns only the value.</summary>
    public Task<T> GetAsync<T>(RouteDescriptor route, IList<ChatMessage> messages, Func<ChatResponse, T> read, RouteCallOptions<T>? options, CancellationToken cancellationToken = default) =>
        RunValueAsync(Start(route, messages, read, cancellationToken, options, wantsResult: false));

    // The value-only entry points (what generated clients call) build no RouteResult and, when nobody observes the
    // call, no record of a successful attempt: nobody could read either. Each entry point is one async layer over the walk.
    private async Task<T> RunValueAsync<T>(RouteCall<T> call)
    {
        Begin(call);
        try
        {
            var (winner, outcome) = await WalkAsync(call).ConfigureAwait(false);
            End(call, winner, outcome);
            return call.Value!;
        }
        finally
        {
            call.Activity?.Dispose();
        }
    }

    private async Task<RouteResult<T>> RunResultAsync<T>(RouteCall<T> call)
    {
        Begin(call);
        try
        {
            var (winner, outcome) = await WalkAsync(call).ConfigureAwait(false);
            return End(call, winner, outcome)!;
        }
        finally
        {
            call.Activity?.Dispose();
        }
    }

    private RoutePlan GetPlan(RouteDescriptor route)
    {
        var generation = _generation;
        if (route.LastPlan is { } last && ReferenceEquals(last.Generation, generation))
        {
            return last;
        }

        if (!generation.Plans.TryGetValue(route, out var plan))
        {
            _inventory.Add(route);
            plan = generation.Plans.GetOrAdd(route, _planner.Build(route, generation.Options, _inventory.FindModel));
        }

        plan.Generation = generation;
        route.LastPlan = plan;
        return plan;
    }

    private void Begin(RouteCallState call)
    {
        var plan = call.Plan;
        call.Started = _time.GetTimestamp();
        call.Observed = IsObserved;
        call.Activity = _telemetry.StartCall(call);

        // The total budget is a deadline on the engine's clock, not a timer: each attempt's timeout is cut to what is
        // left of it and the walk stops once it has passed, so a call pays for no extra timer or linked token.
        if (plan.TotalTimeout is { } total)
        {
            call.Deadline = call.Started + (long)(total.TotalSeconds * _time.TimestampFrequency);
        }
    }

    /// <summary>The walk ended: the served result, the degradation, a cancellation or the failure (the last two throw).</summary>
    private RouteResult<T>? End<T>(RouteCall<T> call, ModelSlot? winner, AttemptOutcome outcome)
    {
        if (winner is not null)
        {
            call.Value = (T)outcome.Value!;
            return Complete(call, winner, RouteOutcome.Served);
        }

        if (call.CallerCancelled)
        {
            Complete(call, null, RouteOutcome.Cancelled);
            call.CallerToken.ThrowIfCancellationRequested();
        }

        return Fail(call);
    }

    /// <summary>
    /// The chain walk, the one loop of every call (plain, hedged and streamed): next slot, attempt, classify, decide.
    /// Returns the slot that answered with its outcome, or a null slot when the walk ended without an answer (the call's
    /// state says why). A hedged route differs only in where attempts come from (<see cref="HedgeRace"/>).
    /// </summary>
    private async ValueTask<(ModelSlot? Winner, AttemptOutcome Outcome)> WalkAsync(RouteCallState call)
    {
        var race = call.Plan.Hedge is { } hedge ? new HedgeRace(this, call, hedge, _time) : null;
        try
        {
            while (true)
            {
                ModelSlot? slot;
                AttemptOutcome outcome;
                if (race is null)
                {
                    slot = NextSlot(call);
                    if (slot is null)
                    {
                        break;
                    }

                    outcome = await RunSlotAsync(call, slot).ConfigureAwait(false);
                }
                else
                {
                    (slot, outcome) = await race.NextAsync().ConfigureAwait(false);
                    if (slot is null)
                    {
                        break;
                    }
                }

                if (outcome.Succeeded)
                {
                    return (slot, outcome);
                }

                if (!Decide(call, slot, outcome))
                {
                    break;
                }
            }

            return (null, default);
        }
        finally
        {
            if (race is not null)
            {
                await race.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every model failed: answer with the route's degradation when it has one and the failure allows it, else throw.</summary>
    private RouteResult<T>? Fail<T>(RouteCall<T> call)
    {
        if (call.Degrade is { } degrade && !call.StoppedByPolicy)
        {
            try
            {
                call.Value = degrade();
            }
            catch (Exception error)
            {
                Complete(call, null, RouteOutcome.Failed);
                throw new FailoverException(call.Plan.Route, call.Attempts, call.Reason + " The degradation threw too: " + error.Message, error);
            }

            return Complete(call, null, RouteOutcome.Degraded);
        }

        Complete(call, null, RouteOutcome.Failed);
        throw new FailoverException(call.Plan.Route, call.Attempts, call.Reason, call.LastError);
    }

    /// <summary>Puts the canary first when the call is picked for it; otherwise the call walks the plan's slots as they are.</summary>
    private static void Order(RouteCallState call)
    {
        var plan = call.Plan;
        if (plan.CanarySlot is not { } canary || !CanaryRule.Selects(plan.Route.Name, call.CanaryKey, plan.CanaryPercent, Random.Shared))
        {
            return;
        }

        var ordered = new List<ModelSlot>(plan.Slots.Length + 1) { canary };
        foreach (var slot in plan.Slots)
        {
            if (!string.Equals(slot.Target.Id, canary.Target.Id, StringComparison.OrdinalIgnoreCase))
            {
                ordered.Add(slot);
            }
        }

        call.Order(ordered);
    }

    /// <summary>
    /// The next model to try, after skipping (with a Skipped event) what earlier failures ruled out and what the health
    /// store says is down. When every model was skipped as unhealthy and none was tried, the one whose cooldown ends
    /// first is tried anyway: a route should not fail without a single call.
    /// </summary>
    internal ModelSlot? NextSlot(RouteCallState call)
    {
        while (call.TryTake(out var slot))
        {
            var target = slot.Target;
            if (slot.DisabledByConfiguration)
            {
                Publish(call, target, $"model '{target.Id}' is disabled by configuration (Failover:DisabledModels or Failover:DisabledProviders)");
                continue;
            }

            if (call.Plan.EstimateContext && target.ContextWindow > 0 && EstimateTokens(call) is var estimate && estimate > target.ContextWindow)
            {
                Publish(call, target, $"the prompt is estimated at {estimate} tokens (characters / 4), more than the model's context window of {target.ContextWindow}");
                continue;
            }

            if (call.ExcludedProviders is not null && call.ExcludedProviders.Contains(target.Provider))
            {
                Publish(call, target, $"provider '{target.Provider}' already failed authentication or quota");
                continue;
            }

            // Only a known smaller window is skipped: a model whose window the catalog does not know is tried, and the
            // provider decides.
            if (call.MinContextWindow > 0 && target.ContextWindow > 0 && target.ContextWindow <= call.MinContextWindow)
            {
                Publish(call, target, $"context window {target.ContextWindow} is not larger than {call.MinContextWindow}");
                continue;
            }

            if (SkippedAsUnhealthy(call, slot))
            {
                continue;
            }

            call.AtStart = false;
            return slot;
        }

        if (!call.HasAttempts && call.EarliestUnhealthy is { } earliest && !call.LastResortUsed && !call.StoppedByPolicy)
        {
            call.AtStart = false;
            call.LastResortUsed = true;
            return earliest;
        }

        return null;
    }

    /// <summary>
    /// Whether the health store rules the slot's model out now (a Skipped event is published). A skip remembered on the
    /// slot answers without asking the store while it holds: the store's version is the one it was given under and its
    /// end is not reached. Before any attempt the call's start serves as "now" (see <see cref="RouteCallState.AtStart"/>).
    /// </summary>
    private bool SkippedAsUnhealthy(RouteCallState call, ModelSlot slot)
    {
        var target = slot.Target;
        var changes = _healthChanges;

        // Read before the store is asked: a change that lands meanwhile makes what is remembered under it stale at once.
        var version = changes?.Version ?? 0;
        if (changes is not null && slot.Skip is { } known && known.Holds(version, call.AtStart ? call.Started : _time.GetTimestamp()))
        {
            call.PassOverUnhealthy(slot, known.Until);
            Publish(call, target, known.Reason);
            return true;
        }

        var health = _health.TryEnter(target);
        if (health.IsAvailable)
        {
            return false;
        }

        // A spent budget is never the last resort: trying it anyway would break the budget.
        if (!health.IsBudgetSpent)
        {
            call.PassOverUnhealthy(slot, health.Until ?? DateTimeOffset.MaxValue);
        }

        if (changes is not null)
        {
            Remember(call, slot, health, version);
        }

        Publish(call, target, health.Reason ?? "unhealthy");
        return true;
    }

    // A spent budget is not remembered (the next request must be counted), nor a verdict without an end (a trial in
    // flight elsewhere ends with its lease, which is not its Until). The memo ends a little before the verdict: the
    // engine compares its monotonic timestamps, the store its UTC clock, and the two may drift apart by a fraction.
    private void Remember(RouteCallState call, ModelSlot slot, HealthVerdict verdict, long version)
    {
        if (verdict.IsBudgetSpent || verdict.Until is not { } until)
        {
            return;
        }

        var now = call.AtStart ? call.Started : _time.GetTimestamp();
        if (slot.Skip is { } known && known.Verdict == verdict && now < known.EndsAt)
        {
            known.Renew(version);
            return;
        }

        var left = until - _time.GetUtcNow();
        if (left > MaxRemembered)
        {
            left = MaxRemembered;
        }

        left -= TimeSpan.FromMilliseconds(1) + (left / 1000);
        if (left > TimeSpan.Zero)
        {
            slot.Skip = new RememberedSkip(verdict, version, now + (long)(left.TotalSeconds * _time.TimestampFrequency));
        }
    }

    /// <summary>How far ahead a skip is remembered at most; then the store is asked again (and the skip remembered anew).</summary>
    private static readonly TimeSpan MaxRemembered = TimeSpan.FromHours(1);

    /// <summary>The prompt's size estimated once per call as characters / 4, a deliberately rough heuristic.</summary>
    private static int EstimateTokens(RouteCallState call)
    {
        if (call.EstimatedTokens is { } known)
        {
            return known;
        }

        long characters = 0;
        foreach (var message in call.Messages)
        {
            characters += message.Text?.Length ?? 0;
        }

        var estimate = (int)Math.Min(int.MaxValue, (characters + 3) / 4);
        call.EstimatedTokens = estimate;
        return estimate;
    }

    /// <summary>
    /// One slot of an unhedged call. Its first try runs outside Polly, under the engine's own attempt timeout (the
    /// same limit the timeout strategy would set: the attempt timeout cut to the route's budget, on the same clock; a
    /// stream attempt enforces its limits with its own timer).
    /// When it succeeds, as most do, the call pays for no pipeline and no timer it did not need. When it fails, the
    /// outcome enters the slot's pipeline as its first attempt, so Polly decides retries and backoff exactly as if it had
    /// run the try itself: same attempt numbers, same predicates, same delays.
    /// </summary>
    private async ValueTask<AttemptOutcome> RunSlotAsync(RouteCallState call, ModelSlot slot)
    {
        if (call.AttemptToken.IsCancellationRequested)
        {
            // A cancelled token never reaches the provider: Polly turns it into the cancellation outcome.
            return await ExecuteSlotAsync(call, slot, call.AttemptToken, CancellationToken.None).ConfigureAwait(false);
        }

        if (call.IsStream)
        {
            // A stream attempt enforces its own limits (one timer per attempt), so its first try needs no timeout here.
            var opened = await OpenAttemptAsync(call, slot, call.AttemptToken, CancellationToken.None, atCallStart: !call.HasAttempts).ConfigureAwait(false);
            return opened.Succeeded || opened.Failure.Kind == FailureKind.Cancelled
                ? opened
                : await ExecuteSlotAsync(call, slot, call.AttemptToken, CancellationToken.None, new FirstTry(opened)).ConfigureAwait(false);
        }

        var limit = call.Plan.Limits.Attempt;
        var timeout = limit > TimeSpan.Zero ? AttemptTimeout.Rent(call.AttemptToken) : null;
        AttemptOutcome first;
        try
        {
            first = await AttemptAsync(call, slot, timeout?.Token ?? call.AttemptToken, CancellationToken.None, timeout, atCallStart: !call.HasAttempts).ConfigureAwait(false);
        }
        finally
        {
            timeout?.Return();
        }

        // A cancelled try is never retried (the failure policy), so the pipeline would hand it back as it is.
        return first.Succeeded || first.Failure.Kind == FailureKind.Cancelled
            ? first
            : await ExecuteSlotAsync(call, slot, call.AttemptToken, CancellationToken.None, new FirstTry(first)).ConfigureAwait(false);
    }

    /// <summary>One slot behind its retry pipeline. The route's budget rides in the context, so backoff obeys the deadline the same way in every mode.</summary>
    // firstTry: the outcome of a first try already made outside the pipeline (RunSlotAsync); the pipeline's first
    // attempt returns it instead of calling the model.
    internal async ValueTask<AttemptOutcome> ExecuteSlotAsync(RouteCallState call, ModelSlot slot, CancellationToken token, CancellationToken raceToken, FirstTry? firstTry = null)
    {
        var context = ResilienceContextPool.Shared.Get(token);
        if (call.Deadline != 0 || call.IsStream)
        {
            context.Properties.Set(RoutePlanner.BudgetKey, call);
        }

        try
        {
            return await slot.Pipeline.ExecuteAsync(
                static (context, state) => state.FirstTry?.Take() is { } made ? new ValueTask<AttemptOutcome>(made)
                    : state.Call.IsStream
                    ? state.Engine.OpenAttemptAsync(state.Call, state.Slot, context.CancellationToken, state.RaceToken)
                    : state.Engine.AttemptAsync(state.Call, state.Slot, context.CancellationToken, state.RaceToken),
                context,
                (Engine: this, Call: call, Slot: slot, RaceToken: raceToken, FirstTry: firstTry)).ConfigureAwait(false);
        }
        catch (OperationCanceledException error)
        {
            // Polly cancels outside the attempt callback too (during a backoff, or before an attempt starts). That is
            // data like any other outcome, so the walk can report it: the caller's cancel, a lost hedge race, or the deadline.
            return AttemptOutcome.Failed(CancellationOutside(call, raceToken), error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ClassifiedFailure CancellationOutside(RouteCallState call, CancellationToken raceToken) =>
        call.CallerToken.IsCancellationRequested ? new ClassifiedFailure(FailureKind.Cancelled, null, null, null, "The caller cancelled the request.")
        : raceToken.IsCancellationRequested && !call.DeadlinePassed(_time) ? new ClassifiedFailure(FailureKind.Cancelled, null, null, null, "Cancelled: another model answered first (hedging).")
        : RouteCallState.DeadlineFailure;

    /// <summary>Applies the failure policy to a failed slot; false when the walk stops (the call's state says why).</summary>
    private bool Decide(RouteCallState call, ModelSlot slot, AttemptOutcome outcome)
    {
        var plan = call.Plan;
        call.LastError = outcome.Error;
        var failure = outcome.Failure;
        if (failure.Kind == FailureKind.Cancelled && call.CallerToken.IsCancellationRequested)
        {
            call.CallerCancelled = true;
            return false;
        }

        if (call.DeadlinePassed(_time))
        {
            call.Reason = $"the route's total timeout of {plan.TotalTimeout!.Value.TotalMilliseconds:0} ms elapsed.";
            return false;
        }

        if (failure.Kind == FailureKind.Cancelled)
        {
            // Cancelled by the engine itself (a hedge race that was decided elsewhere): not a verdict on the model.
            return true;
        }

        var decision = FailurePolicy.Decide(failure.Kind, plan.Route.FallbackOnContentPolicy);
        if (decision.Fallback == FallbackRule.Stop)
        {
            call.StoppedByPolicy = true;
            call.Reason = StopReason(failure.Kind);
            return false;
        }

        if (decision.Fallback == FallbackRule.OtherProvider)
        {
            (call.ExcludedProviders ??= new List<string>(2)).Add(slot.Target.Provider);
        }
        else if (decision.Fallback == FallbackRule.LargerContextOnly)
        {
            call.MinContextWindow = Math.Max(call.MinContextWindow, Math.Max(slot.Target.ContextWindow, 1));
            call.Reason = "the prompt did not fit, and no later model has a larger context window.";
        }

        return true;
    }

    // timeout: the engine's own attempt timeout (a first try outside Polly), armed once the provider call waits; null
    // when Polly's timeout strategy runs the attempt. atCallStart: the call's first attempt, run at once (no hedge, no
    // backoff before it), starts when the call did: only the plan lookup and the health check ran in between.
    private async ValueTask<AttemptOutcome> AttemptAsync(RouteCallState call, ModelSlot slot, CancellationToken attemptToken, CancellationToken raceToken, AttemptTimeout? timeout = null, bool atCallStart = false)
    {
        // One clock read serves the deadline check, the attempt's budget and its latency.
        var started = atCallStart ? call.Started : _time.GetTimestamp();
        if (call.DeadlinePassed(started))
        {
            // A backoff ran into the route's deadline: no attempt is made, and the walk stops with the timeout reason.
            return AttemptOutcome.Failed(RouteCallState.DeadlineFailure, new TimeoutException(RouteCallState.DeadlineFailure.Message));
        }

        using var activity = _telemetry.StartAttempt(call, slot);
        ChatResponse? response = null;
        try
        {
            var answer = slot.Client.GetResponseAsync(call.MessagesFor(slot), call.OptionsFor(slot), attemptToken);
            timeout?.ArmIfPending(answer, _time, started, call.AttemptBudget(_time, started, call.Plan.Limits.Attempt));
            response = await answer.ConfigureAwait(false);
            var value = call.ReadValue(response);
            Record(call, slot, started, response, default, activity);
            _health.OnSuccess(slot.Target);
            return AttemptOutcome.Success(response, value);
        }
        catch (Exception error)
        {
            var failure = error is OperationCanceledException && attemptToken.IsCancellationRequested && response is null
                && !call.CallerToken.IsCancellationRequested && !raceToken.IsCancellationRequested
                    ? call.DeadlinePassed(_time) ? RouteCallState.DeadlineFailure : NoAnswer(call.Plan.Limits.Attempt) with { Injected = ChaosMarker.IsInjected(error) }
                    : Classify(error, response, call.CallerToken, raceToken);
            Record(call, slot, started, response, failure, activity);
            ReportHealth(slot.Target, failure);
            return AttemptOutcome.Failed(failure, error);
        }
    }

    /// <summary>The engine's attempt timeout passed on a plain call: the model took the request and gave no answer in time.</summary>
    private static ClassifiedFailure NoAnswer(TimeSpan limit) =>
        new(FailureKind.NoResponse, null, null, null, $"No answer within the attempt timeout of {limit.TotalMilliseconds:0} ms.");

    private static ClassifiedFailure Classify(Exception error, ChatResponse? response, CancellationToken callerToken, CancellationToken raceToken)
    {
        if (error is OperationCanceledException && raceToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            return new ClassifiedFailure(FailureKind.Cancelled, null, null, null, "Cancelled: another model answered first (hedging).");
        }

        return response is not null && error is not OperationCanceledException
            ? new ClassifiedFailure(FailureKind.InvalidResponse, null, null, null, "The response could not be read: " + error.Message) { Injected = ChaosMarker.IsInjected(response) }
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

    private void Record(RouteCallState call, ModelSlot slot, long started, ChatResponse? response, ClassifiedFailure failure, Activity? activity, TimeSpan? timeToFirstToken = null, int skippedEvents = 0)
    {
        // A failed attempt is never billed as a completion; a response that could not be read was still paid for.
        var input = response?.Usage?.InputTokenCount ?? 0;
        var output = response?.Usage?.OutputTokenCount ?? 0;
        if (input + output > 0)
        {
            _health.OnUsage(slot.Target, input, output);
        }

        // A success ends the call: when its record has no reader (a value-only call nobody observes), it is not built.
        if (failure.Kind == FailureKind.None && !call.WantsResult && activity is null && !call.Observed)
        {
            return;
        }

        RouteAttempt attempt;
        lock (call.Attempts)
        {
            attempt = new RouteAttempt
            {
                Number = call.Attempts.Count + 1,
                Model = slot.Target,
                Role = slot.Role,
                Latency = _time.GetElapsedTime(started),
                Failure = failure.Kind,
                StatusCode = failure.StatusCode,
                ProviderErrorCode = failure.ProviderErrorCode,
                Message = failure.Kind == FailureKind.None ? null : failure.Message,
                InputTokens = input,
                OutputTokens = output,
                Cost = response is null ? null : slot.Target.CostOf(input, output),
            };
            call.Attempts.Add(attempt);
        }

        _telemetry.EndAttempt(activity, call.Plan.Route, attempt, response);

        if (call.Observed)
        {
            Publish(new RoutingEvent
            {
                Kind = RoutingEventKind.Attempt,
                Route = call.Plan.Route,
                AttemptNumber = attempt.Number,
                Model = attempt.Model,
                Latency = attempt.Latency,
                TimeToFirstToken = timeToFirstToken,
                InputTokens = input,
                OutputTokens = output,
                Cost = attempt.Cost,
                Failure = attempt.Failure,
                StatusCode = attempt.StatusCode,
                ProviderErrorCode = attempt.ProviderErrorCode,
                Reason = attempt.Message,
                FallbackTaken = slot.IsFallback,
                Hedged = slot.Role == SlotRole.Hedge,
                Canary = slot.Role == SlotRole.Canary,
                SkippedEvents = skippedEvents,
                Injected = failure.Injected,
            });
        }
    }

    private RouteResult<T>? Complete<T>(RouteCall<T> call, ModelSlot? servedBy, RouteOutcome outcome) => Complete(call, call.Value!, servedBy, outcome);

    private RouteResult<T>? Complete<T>(RouteCallState call, T value, ModelSlot? servedBy, RouteOutcome outcome)
    {
        var route = call.Plan.Route;
        if (!call.WantsResult && call.Activity is null && !call.Observed)
        {
            return null;
        }

        if (outcome == RouteOutcome.Served && servedBy is { IsFallback: true })
        {
            outcome = RouteOutcome.ServedByFallback;
        }

        var result = new RouteResult<T>(value, route, servedBy?.Target, servedBy?.Role ?? SlotRole.Primary, call.Attempts, isDegraded: outcome == RouteOutcome.Degraded);
        EngineTelemetry.EndCall(call.Activity, result, outcome);
        if (call.Observed)
        {
            Publish(new RoutingEvent
            {
                Kind = RoutingEventKind.Completed,
                Route = route,
                Model = servedBy?.Target,
                Latency = _time.GetElapsedTime(call.Started),
                InputTokens = result.InputTokens,
                OutputTokens = result.OutputTokens,
                Cost = result.Cost,
                Failure = call.Attempts.Count == 0 ? FailureKind.None : call.Attempts[^1].Failure,
                FallbackTaken = outcome is RouteOutcome.ServedByFallback or RouteOutcome.Degraded or RouteOutcome.Failed,
                Hedged = servedBy?.Role == SlotRole.Hedge,
                Canary = servedBy?.Role == SlotRole.Canary,
                Degraded = outcome == RouteOutcome.Degraded,
                Outcome = outcome,
                AttemptCount = call.Attempts.Count,
            });
        }

        return result;
    }

    private void Publish(RouteCallState call, ModelTarget skipped, string reason)
    {
        EngineTelemetry.Skipped(call.Activity, skipped, reason);
        if (call.Observed)
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

    /// <summary>Whether anyone reads routing events: a user sink, a log provider or a metrics listener. Events are not built otherwise.</summary>
    private bool IsObserved => _hasUserSinks || _telemetry.IsListening;

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
