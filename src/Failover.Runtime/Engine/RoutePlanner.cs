using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Failover;

/// <summary>Turns a <see cref="RouteDescriptor"/> into a <see cref="RoutePlan"/>: clients resolved, options and Polly pipelines built.</summary>
internal sealed class RoutePlanner
{
    /// <summary>The route call's budget (its deadline), carried to the timeout and retry strategies; absent when the route has no total timeout.</summary>
    public static readonly ResiliencePropertyKey<RouteCallState> BudgetKey = new("failover.budget");

    private readonly ProviderDirectory _providers;
    private readonly TimeProvider _time;

    public RoutePlanner(ProviderDirectory providers, TimeProvider time)
    {
        _providers = providers;
        _time = time;
    }

    public RoutePlan Build(RouteDescriptor route, FailoverOptions options, Func<string, ModelTarget?> knownModel)
    {
        _providers.Validate(route);

        options.Routes.TryGetValue(route.Name, out var routeOverride);
        var limits = new RouteLimits(
            routeOverride?.AttemptTimeout ?? route.AttemptTimeout ?? options.DefaultAttemptTimeout,
            routeOverride?.FirstTokenTimeout ?? route.FirstTokenTimeout ?? options.DefaultFirstTokenTimeout,
            routeOverride?.StallTimeout ?? route.StallTimeout ?? options.DefaultStallTimeout,
            routeOverride?.TotalTimeout ?? route.TotalTimeout ?? (options.DefaultTotalTimeout > TimeSpan.Zero ? options.DefaultTotalTimeout : null));

        var chain = new List<ModelTarget>(route.Chain);
        if (routeOverride is { Chain.Count: > 0 })
        {
            chain.Clear();
            foreach (var id in routeOverride.Chain)
            {
                if (string.IsNullOrWhiteSpace(id))
                {
                    continue;
                }

                // Any model of a registered provider: catalog facts come from a compiled route naming the same model, if any.
                var target = knownModel(id) ?? new ModelTarget(id);
                _providers.Validate(route.Name, target);
                chain.Add(target);
            }
        }

        var rule = routeOverride is { MaxAttempts: not null } or { RetryOn: not null } or { NoRetryOn: not null }
            ? new RetryRule
            {
                MaxAttempts = routeOverride.MaxAttempts ?? route.Retry.MaxAttempts,
                BaseDelay = route.Retry.BaseDelay,
                MaxDelay = route.Retry.MaxDelay,
                Jitter = route.Retry.Jitter,
                RetryInvalidResponse = route.Retry.RetryInvalidResponse,
                RetryOn = routeOverride.RetryOn is { } retryOn ? [.. retryOn] : route.Retry.RetryOn,
                NoRetryOn = routeOverride.NoRetryOn is { } noRetryOn ? [.. noRetryOn] : route.Retry.NoRetryOn,
                Source = route.Retry.Source,
            }
            : route.Retry;

        // Roles are fixed here, once: the first model is the primary, the rest are fallbacks, or hedges when the route
        // hedges (each may be started while the one before it still runs).
        var backupRole = route.Hedge is { } hedge && hedge > TimeSpan.Zero ? SlotRole.Hedge : SlotRole.Fallback;
        var slots = new ModelSlot[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            slots[i] = BuildSlot(route, chain[i], i == 0 ? SlotRole.Primary : backupRole, rule, limits.Attempt, options);
        }

        var canary = route.Canary is { } c ? BuildSlot(route, c.Model, SlotRole.Canary, rule, limits.Attempt, options) : null;
        return new RoutePlan(route, slots, limits, canary, route.EstimateContext || options.EstimatePromptTokens, routeOverride?.StreamRecovery ?? route.StreamRecovery, CanaryShare.Of(route, options).Percent);
    }

    private ModelSlot BuildSlot(RouteDescriptor route, ModelTarget target, SlotRole role, RetryRule rule, TimeSpan attemptTimeout, FailoverOptions options)
    {
        var chatOptions = route.Options?.Clone() ?? new ChatOptions();
        chatOptions.ModelId = target.Model;
        return new ModelSlot(target, role, ChaosChatClient.Wrap(_providers.Get(target.Provider), target, options.Chaos, _time), chatOptions, BuildPipeline(route, rule, attemptTimeout), FailoverOptionsValidator.IsDisabled(options, target.Id), route.PromptVariantIndex(target.Id));
    }

    private ResiliencePipeline<AttemptOutcome> BuildPipeline(RouteDescriptor route, RetryRule rule, TimeSpan attemptTimeout)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _time };

        if (rule.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = rule.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = rule.BaseDelay,
                MaxDelay = rule.MaxDelay,
                UseJitter = rule.Jitter,
                ShouldHandle = args => new ValueTask<bool>(
                    ShouldRetry(args.Outcome, args.AttemptNumber, route, rule)
                    && !WaitPassesDeadline(args.Context, PlannedDelay(args.Outcome.Result, args.AttemptNumber, rule))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(Delay(args.Context, args.Outcome.Result, args.AttemptNumber, rule)),
            });
        }

        // The attempt callback never lets an exception escape, so the timeout strategy only cancels the
        // provider call; the callback turns that cancellation into a classified Timeout. An attempt never runs past
        // the route's deadline: its timeout is cut to what is left of the total budget.
        if (attemptTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = attemptTimeout,
                TimeoutGenerator = args => new ValueTask<TimeSpan>(AttemptBudget(args.Context, attemptTimeout)),
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// The attempt timeout cut to the route's budget. Streams enforce their attempt, first-token and stall limits in the
    /// engine (one timer per stream, re-armed per phase), so the strategy does not apply to them.
    /// </summary>
    private TimeSpan AttemptBudget(ResilienceContext context, TimeSpan attemptTimeout) =>
        !context.Properties.TryGetValue(BudgetKey, out var budget) ? attemptTimeout
        : budget.IsStream ? System.Threading.Timeout.InfiniteTimeSpan
        : budget.AttemptBudget(_time, attemptTimeout);

    /// <summary>
    /// Whether waiting <paramref name="delay"/> before the next try would reach the route's deadline. Then the same
    /// model is not retried: the walk moves on to the next model while some budget is left.
    /// </summary>
    private bool WaitPassesDeadline(ResilienceContext context, TimeSpan delay) =>
        context.Properties.TryGetValue(BudgetKey, out var budget) && budget.Deadline != 0
        && (budget.DeadlinePassed(_time) || budget.Remaining(_time) <= delay);

    /// <summary>The wait before the next try: the provider's retry-after, else exponential backoff (jittered by Polly).</summary>
    private static TimeSpan PlannedDelay(AttemptOutcome outcome, int attemptNumber, RetryRule rule)
    {
        if (outcome.Failure.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            return wait;
        }

        var exponential = rule.BaseDelay.Ticks * Math.Pow(2, Math.Min(attemptNumber, 30));
        return exponential >= rule.MaxDelay.Ticks ? rule.MaxDelay : TimeSpan.FromTicks((long)exponential);
    }

    /// <summary>Honours a retry-after; otherwise Polly's backoff, cut to what is left of the route's budget (jitter may overshoot the plan).</summary>
    private TimeSpan? Delay(ResilienceContext context, AttemptOutcome outcome, int attemptNumber, RetryRule rule)
    {
        TimeSpan? retryAfter = outcome.Failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : null;
        if (!context.Properties.TryGetValue(BudgetKey, out var budget) || budget.Deadline == 0)
        {
            return retryAfter;
        }

        var left = budget.Remaining(_time);
        return left < rule.MaxDelay || retryAfter is not null
            ? TimeSpan.FromTicks(Math.Min((retryAfter ?? PlannedDelay(outcome, attemptNumber, rule)).Ticks, left.Ticks))
            : null;
    }

    private static bool ShouldRetry(Outcome<AttemptOutcome> outcome, int attemptNumber, RouteDescriptor route, RetryRule rule)
    {
        if (outcome.Exception is not null)
        {
            return false;
        }

        var failure = outcome.Result.Failure;
        if (!FailurePolicy.RetriesSameModel(failure.Kind, rule, route.FallbackOnContentPolicy))
        {
            return false;
        }

        // RetryInvalidResponse alone means "once"; listing InvalidResponse in RetryOn retries it like any other kind.
        if (failure.Kind == FailureKind.InvalidResponse && !RetryOnLists(rule, FailureKind.InvalidResponse))
        {
            return attemptNumber == 0;
        }

        // A provider that asks for a longer pause than the rule allows is better served by the next model.
        return failure.RetryAfter is not { } wait || wait <= rule.MaxDelay;
    }

    private static bool RetryOnLists(RetryRule rule, FailureKind kind)
    {
        foreach (var listed in rule.RetryOn)
        {
            if (listed == kind)
            {
                return true;
            }
        }

        return false;
    }
}
