using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// The default <see cref="IRouteHealthStore"/>: one small breaker per model id and per provider, in memory, on the
/// injected <see cref="TimeProvider"/>. Settings come from <see cref="FailoverOptions.Health"/> and are read on every
/// call, so a configuration reload applies to the next request while the remembered state is kept.
/// </summary>
public sealed class InMemoryRouteHealthStore : IRouteHealthStore
{
    private readonly Dictionary<string, CircuitState> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CircuitState> _providers = new(StringComparer.OrdinalIgnoreCase);

    // The two breakers of each target the engine asks about, found by reference instead of two case-insensitive string
    // lookups. Weak, so targets of plans dropped by a configuration reload do not pile up.
    private readonly ConditionalWeakTable<ModelTarget, Breakers> _byTarget = new();
    private readonly TimeProvider _time;

    // Read on every call, so cached: a configuration reload replaces it for the next request.
    private volatile FailoverHealthOptions _settings;

    /// <summary>Creates a store over the options monitor.</summary>
    public InMemoryRouteHealthStore(IOptionsMonitor<FailoverOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _settings = options.CurrentValue.Health;
        _time = time;
        options.OnChange(changed => _settings = changed.Health);
    }

    /// <summary>Creates a store with fixed settings.</summary>
    public InMemoryRouteHealthStore(FailoverHealthOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _settings = options;
        _time = time;
    }

    /// <inheritdoc/>
    public HealthVerdict TryEnter(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!_settings.Enabled)
        {
            return HealthVerdict.Available;
        }

        // Hot path: both breakers closed and clean, so the answer is Available and nothing changes. Reading the volatile
        // flags without the lock is a consistent snapshot: racing with a failure on another thread is the same as
        // having entered just before it.
        var breakers = BreakersOf(model);
        if (breakers.Model.IsSettled && breakers.Provider.IsSettled)
        {
            return HealthVerdict.Available;
        }

        var now = _time.GetUtcNow();
        lock (_models)
        {
            var provider = Get(_providers, model.Provider).TryEnter(now, "provider", model.Provider);
            if (!provider.IsAvailable)
            {
                return provider;
            }

            var verdict = Get(_models, model.Id).TryEnter(now, "model", model.Id);
            if (!verdict.IsAvailable)
            {
                // The provider trial, if one was granted, was not used.
                Get(_providers, model.Provider).Release();
            }

            return verdict;
        }
    }

    /// <inheritdoc/>
    public void OnSuccess(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // A success on settled breakers would reset nothing: skip the lock.
        var breakers = BreakersOf(model);
        if (breakers.Model.IsSettled && breakers.Provider.IsSettled)
        {
            return;
        }

        lock (_models)
        {
            Get(_models, model.Id).Success();
            Get(_providers, model.Provider).Success();
        }
    }

    /// <inheritdoc/>
    public void OnFailure(ModelTarget model, ClassifiedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = _settings;
        var now = _time.GetUtcNow();
        var decision = FailurePolicy.Decide(failure.Kind);
        lock (_models)
        {
            var state = Get(_models, model.Id);
            var provider = Get(_providers, model.Provider);
            if (decision.ModelIsGone)
            {
                state.CoolDown(now + options.GoneCooldown, "answered that it is gone (" + failure.Kind + (failure.StatusCode is { } s ? $", HTTP {s}" : string.Empty) + ") and cools down");
                provider.Release();
            }
            else if (failure.Kind == FailureKind.RateLimited)
            {
                var wait = failure.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : options.RateLimitCooldown;
                if (wait > options.GoneCooldown)
                {
                    wait = options.GoneCooldown;
                }

                state.CoolDown(now + wait, "is rate limited and cools down for its retry-after");
                provider.Release();
            }
            else if (failure.Kind is FailureKind.Auth or FailureKind.QuotaExhausted)
            {
                provider.CoolDown(now + options.AuthCooldown, $"rejected the key or ran out of quota ({failure.Kind}) and is skipped");
                state.Release();
            }
            else if (decision.CountsTowardBreaker)
            {
                state.CountFailure(now, options.FailureThreshold, options.BreakDuration);
                provider.CountFailure(now, options.ProviderFailureThreshold, options.BreakDuration);
            }
            else
            {
                // Failures that say nothing about health (context length, invalid response, content policy) end a trial without judging it.
                state.Release();
                provider.Release();
            }
        }
    }

    /// <inheritdoc/>
    public void Release(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_models)
        {
            Get(_models, model.Id).Release();
            Get(_providers, model.Provider).Release();
        }
    }

    private Breakers BreakersOf(ModelTarget model) =>
        _byTarget.TryGetValue(model, out var breakers) ? breakers : _byTarget.GetValue(model, NewBreakers);

    // A method group, not a lambda over a local: a capturing lambda would allocate its closure on every call.
    private Breakers NewBreakers(ModelTarget model)
    {
        lock (_models)
        {
            return new Breakers(Get(_models, model.Id), Get(_providers, model.Provider));
        }
    }

    private static CircuitState Get(Dictionary<string, CircuitState> states, string key)
    {
        if (!states.TryGetValue(key, out var state))
        {
            states[key] = state = new CircuitState();
        }

        return state;
    }

    private sealed class Breakers(CircuitState model, CircuitState provider)
    {
        public CircuitState Model { get; } = model;

        public CircuitState Provider { get; } = provider;
    }
}
