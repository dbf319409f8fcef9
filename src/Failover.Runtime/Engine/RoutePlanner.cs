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

        var attemptTimeout = route.AttemptTimeout ?? options.DefaultAttemptTimeout;
        var totalTimeout = route.TotalTimeout ?? (options.DefaultTotalTimeout > TimeSpan.Zero ? options.DefaultTotalTimeout : null);
        options.Routes.TryGetValue(route.Name, out var routeOverride);

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

                var target = knownModel(id) ?? new ModelTarget(id);
                _providers.Validate(route.Name, target);
                chain.Add(target);
            }
        }

        var rule = routeOverride?.MaxAttempts is { } maxAttempts
            ? new RetryRule { MaxAttempts = maxAttempts, BaseDelay = route.Retry.BaseDelay, MaxDelay = route.Retry.MaxDelay, Jitter = route.Retry.Jitter, RetryInvalidResponse = route.Retry.RetryInvalidResponse, Source = route.Retry.Source }
            : route.Retry;

        var slots = new ModelSlot[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            slots[i] = BuildSlot(route, chain[i], rule, attemptTimeout, options);
        }

        var canary = route.Canary is { } c ? BuildSlot(route, c.Model, rule, attemptTimeout, options) : null;
        return new RoutePlan(route, slots, totalTimeout, canary, route.EstimateContext || options.EstimatePromptTokens);
    }

    private ModelSlot BuildSlot(RouteDescriptor route, ModelTarget target, RetryRule rule, TimeSpan attemptTimeout, FailoverOptions options)
    {
        var chatOptions = route.Options?.Clone() ?? new ChatOptions();
        chatOptions.ModelId = target.Model;
        return new ModelSlot(target, _providers.Get(target.Provider), chatOptions, BuildPipeline(route, rule, attemptTimeout), FailoverOptionsValidator.IsDisabled(options, target.Id));
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
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, route, rule) && !DeadlinePassed(args.Context)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result.Failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : null),
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

    private TimeSpan AttemptBudget(ResilienceContext context, TimeSpan attemptTimeout) =>
        context.Properties.TryGetValue(BudgetKey, out var budget) ? budget.AttemptBudget(_time, attemptTimeout) : attemptTimeout;

    private bool DeadlinePassed(ResilienceContext context) =>
        context.Properties.TryGetValue(BudgetKey, out var budget) && budget.DeadlinePassed(_time);

    private static bool ShouldRetry(Outcome<AttemptOutcome> outcome, int attemptNumber, RouteDescriptor route, RetryRule rule)
    {
        if (outcome.Exception is not null)
        {
            return false;
        }

        var failure = outcome.Result.Failure;
        if (failure.Kind == FailureKind.None)
        {
            return false;
        }

        if (failure.Kind == FailureKind.InvalidResponse)
        {
            return rule.RetryInvalidResponse && attemptNumber == 0;
        }

        if (!FailurePolicy.Decide(failure.Kind, route.FallbackOnContentPolicy).RetrySameModel)
        {
            return false;
        }

        // A provider that asks for a longer pause than the rule allows is better served by the next model.
        return failure.RetryAfter is not { } wait || wait <= rule.MaxDelay;
    }
}
