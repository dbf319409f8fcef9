using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Failover;

/// <summary>Turns a <see cref="RouteDescriptor"/> into a <see cref="RoutePlan"/>: clients resolved, options and Polly pipelines built.</summary>
internal sealed class RoutePlanner
{
    private readonly ProviderDirectory _providers;
    private readonly TimeProvider _time;

    public RoutePlanner(ProviderDirectory providers, TimeProvider time)
    {
        _providers = providers;
        _time = time;
    }

    public RoutePlan Build(RouteDescriptor route, FailoverOptions options)
    {
        _providers.Validate(route);

        var attemptTimeout = route.AttemptTimeout ?? options.DefaultAttemptTimeout;
        var totalTimeout = route.TotalTimeout ?? (options.DefaultTotalTimeout > TimeSpan.Zero ? options.DefaultTotalTimeout : null);

        var slots = new ModelSlot[1 + route.Fallbacks.Count];
        var index = 0;
        foreach (var target in route.Chain)
        {
            var chatOptions = route.Options?.Clone() ?? new ChatOptions();
            chatOptions.ModelId = target.Model;
            slots[index++] = new ModelSlot(target, _providers.Get(target.Provider), chatOptions, BuildPipeline(route, attemptTimeout));
        }

        return new RoutePlan(route, slots, totalTimeout);
    }

    private ResiliencePipeline<AttemptOutcome> BuildPipeline(RouteDescriptor route, TimeSpan attemptTimeout)
    {
        var rule = route.Retry;
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
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, route)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result.Failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : null),
            });
        }

        // The attempt callback never lets an exception escape, so the timeout strategy only cancels the
        // provider call; the callback turns that cancellation into a classified Timeout.
        if (attemptTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(attemptTimeout);
        }

        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<AttemptOutcome> outcome, int attemptNumber, RouteDescriptor route)
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
            return route.Retry.RetryInvalidResponse && attemptNumber == 0;
        }

        if (!FailurePolicy.Decide(failure.Kind, route.FallbackOnContentPolicy).RetrySameModel)
        {
            return false;
        }

        // A provider that asks for a longer pause than the rule allows is better served by the next model.
        return failure.RetryAfter is not { } wait || wait <= route.Retry.MaxDelay;
    }
}
