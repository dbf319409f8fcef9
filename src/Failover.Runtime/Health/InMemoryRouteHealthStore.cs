using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// The default <see cref="IRouteHealthStore"/>: one small breaker per model id and per provider, in memory, on the
/// injected <see cref="TimeProvider"/>. Settings come from <see cref="FailoverOptions.Health"/> and are read on every
/// call, so a configuration reload applies to the next request while the remembered state is kept. The rate budgets of
/// <see cref="FailoverOptions.Budgets"/> are counted for this process alone. Every change is announced
/// (<see cref="IRouteHealthChanges"/>), so the engine skips a model whose breaker is open without asking again.
/// </summary>
public sealed class InMemoryRouteHealthStore : IRouteHealthStore, IRouteHealthChanges
{
    private readonly Dictionary<string, CircuitState> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CircuitState> _providers = new(StringComparer.OrdinalIgnoreCase);

    // The two breakers of each target the engine asks about, found by reference instead of two case-insensitive string
    // lookups. Weak, so targets of plans dropped by a configuration reload do not pile up.
    private readonly ConditionalWeakTable<ModelTarget, Breakers> _byTarget = new();
    private readonly TimeProvider _time;
    private readonly RateBudgetLedger _ledger = new();
    private readonly HealthChangeCounter _changes;

    // Read on every call, so cached: a configuration reload replaces them for the next request.
    private volatile FailoverHealthOptions _settings;
    private volatile FailoverBudgetOptions _budgets;

    // Whether every breaker of the store is closed and clean. Then, without rate budgets, TryEnter and OnSuccess are one
    // volatile read: nothing is looked up per target. Cleared under the lock before any breaker changes; set again by a
    // success that finds every breaker settled.
    private volatile bool _allSettled = true;

    /// <summary>Creates a store over the options monitor.</summary>
    public InMemoryRouteHealthStore(IOptionsMonitor<FailoverOptions> options, TimeProvider time)
        : this(options, time, changes: null)
    {
    }

    /// <summary>A store over the options monitor that counts its changes into <paramref name="changes"/> (the Redis store's).</summary>
    internal InMemoryRouteHealthStore(IOptionsMonitor<FailoverOptions> options, TimeProvider time, HealthChangeCounter? changes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _settings = options.CurrentValue.Health;
        _budgets = options.CurrentValue.Budgets ?? new FailoverBudgetOptions();
        _time = time;
        _changes = changes ?? new HealthChangeCounter { Sender = this };
        options.OnChange(changed =>
        {
            _settings = changed.Health;
            _budgets = changed.Budgets ?? new FailoverBudgetOptions();
            _changes.Note(); // health switched off, or other thresholds: a remembered skip may no longer be the answer
        });
    }

    /// <summary>Creates a store with fixed settings.</summary>
    public InMemoryRouteHealthStore(FailoverHealthOptions options, TimeProvider time)
        : this(options, new FailoverBudgetOptions(), time)
    {
    }

    /// <summary>Creates a store with fixed settings and rate budgets.</summary>
    public InMemoryRouteHealthStore(FailoverHealthOptions options, FailoverBudgetOptions budgets, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(time);
        _settings = options;
        _budgets = budgets;
        _time = time;
        _changes = new HealthChangeCounter { Sender = this };
    }

    /// <summary>The rate budgets in force, as last read from the options.</summary>
    internal FailoverBudgetOptions Budgets => _budgets;

    /// <inheritdoc/>
    public TimeProvider TimeProvider => _time;

    /// <inheritdoc/>
    public long Version => _changes.Version;

    /// <inheritdoc/>
    public event EventHandler? Changed
    {
        add => _changes.Changed += value;
        remove => _changes.Changed -= value;
    }

    /// <inheritdoc/>
    public HealthVerdict TryEnter(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budgets = _budgets;
        var hasBudgets = HasBudgets(budgets);
        if (_allSettled && !hasBudgets)
        {
            return HealthVerdict.Available;
        }

        // Per target: a model whose own breakers are settled answers Available with two volatile reads even while
        // another model's breaker is open (the store-wide flag above is then off).
        var breakers = BreakersOf(model);
        if (!hasBudgets && breakers.Model.IsSettled && breakers.Provider.IsSettled)
        {
            return HealthVerdict.Available;
        }

        // A breaker known to be open answers from its memo: one coarse clock read and a compare (see SkipMemo).
        if (breakers.Skip is { } skip && skip.Answers(breakers) && Environment.TickCount64 < skip.UntilTick && _settings.Enabled)
        {
            return skip.Verdict;
        }

        var budget = breakers.Budget.Of(model, budgets);
        if (!_settings.Enabled)
        {
            return budget.IsLimited ? _ledger.TryReserve(model, budget.Model, budget.Provider, _time.GetUtcNow()) : HealthVerdict.Available;
        }

        // Hot path: both breakers closed and clean and no budget, so the answer is Available and nothing changes. Reading
        // the volatile flags without the lock is a consistent snapshot: racing with a failure on another thread is the
        // same as having entered just before it.
        if (breakers.Model.IsSettled && breakers.Provider.IsSettled && !budget.IsLimited)
        {
            return HealthVerdict.Available;
        }

        var now = _time.GetUtcNow();

        // An open breaker answers without the lock: the provider's first, as below; the model's only when the provider
        // has no open period at all (an expired one would grant or refuse a trial, which needs the lock).
        var providerOpen = breakers.Provider.Open;
        if (providerOpen is not null && now < providerOpen.Until)
        {
            return Remember(breakers, providerOpen, providerOpen.Verdict("provider", model.Provider), now);
        }

        if (providerOpen is null && breakers.Model.Open is { } modelOpen && now < modelOpen.Until)
        {
            return Remember(breakers, modelOpen, modelOpen.Verdict("model", model.Id), now);
        }

        lock (_models)
        {
            var lease = _settings.BreakDuration;
            var provider = Get(_providers, model.Provider).TryEnter(now, "provider", model.Provider, lease);
            if (!provider.IsAvailable)
            {
                return provider;
            }

            var verdict = Get(_models, model.Id).TryEnter(now, "model", model.Id, lease);
            if (verdict.IsAvailable && budget.IsLimited)
            {
                verdict = _ledger.TryReserve(model, budget.Model, budget.Provider, now);
                if (!verdict.IsAvailable)
                {
                    Get(_models, model.Id).Release();
                }
            }

            if (!verdict.IsAvailable)
            {
                // The provider trial, if one was granted, was not used.
                Get(_providers, model.Provider).Release();
            }

            return verdict;
        }
    }

    /// <inheritdoc/>
    public void OnUsage(ModelTarget model, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budgets = _budgets;
        if (!HasBudgets(budgets))
        {
            return;
        }

        var budget = BreakersOf(model).Budget.Of(model, budgets);
        if (budget.CountsTokens && inputTokens + outputTokens > 0)
        {
            _ledger.AddTokens(model, budget.Model, budget.Provider, inputTokens + outputTokens, _time.GetUtcNow());
        }
    }

    /// <inheritdoc/>
    public void OnSuccess(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // A success on settled breakers would reset nothing: skip the lock.
        if (_allSettled)
        {
            return;
        }

        var breakers = BreakersOf(model);
        if (breakers.Model.IsSettled && breakers.Provider.IsSettled)
        {
            return;
        }

        lock (_models)
        {
            Get(_models, model.Id).Success();
            Get(_providers, model.Provider).Success();
            _allSettled = AllSettled(_models) && AllSettled(_providers);
        }

        _changes.Note();
    }

    /// <inheritdoc/>
    public void OnFailure(ModelTarget model, ClassifiedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = _settings;
        var now = _time.GetUtcNow();
        var change = HealthChange.Of(failure, options, now);
        lock (_models)
        {
            _allSettled = false;
            var state = Get(_models, model.Id);
            var provider = Get(_providers, model.Provider);
            if (change.ModelCooldownUntil is { } modelUntil)
            {
                state.CoolDown(modelUntil, change.Reason!);
                provider.Release();
            }
            else if (change.ProviderCooldownUntil is { } providerUntil)
            {
                provider.CoolDown(providerUntil, change.Reason!);
                state.Release();
            }
            else if (change.CountsTowardBreaker)
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

        _changes.Note();
    }

    /// <inheritdoc/>
    public void Release(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool released;
        lock (_models)
        {
            released = Get(_models, model.Id).Release() | Get(_providers, model.Provider).Release();
        }

        // Only a trial that was running changes anything: a cancelled attempt or a lost hedge race is no news.
        if (released)
        {
            _changes.Note();
        }
    }

    // Only on the system clock: there Environment.TickCount64 is a coarse reading of the same machine time, several times
    // cheaper than GetUtcNow. Any other TimeProvider (a fake clock in tests, a custom one) always takes the exact path.
    private HealthVerdict Remember(Breakers breakers, CircuitState.OpenBreaker open, HealthVerdict verdict, DateTimeOffset now)
    {
        if (ReferenceEquals(_time, TimeProvider.System))
        {
            var left = (long)(open.Until - now).TotalMilliseconds - SkipMemo.MarginMs;
            if (left > 0)
            {
                breakers.Skip = new SkipMemo(open, verdict, Environment.TickCount64 + left);
            }
        }

        return verdict;
    }

    private static bool HasBudgets(FailoverBudgetOptions budgets) => budgets.Models.Count > 0 || budgets.Providers.Count > 0;

    private static bool AllSettled(Dictionary<string, CircuitState> states)
    {
        foreach (var state in states.Values)
        {
            if (!state.IsSettled)
            {
                return false;
            }
        }

        return true;
    }

    private Breakers BreakersOf(ModelTarget model)
    {
        // The target remembers the breakers of the last store that asked: one read and one compare per call. Another
        // store's entry (several stores asking about one target) falls back to this store's weak table.
        if (model.HealthCache is Breakers cached && ReferenceEquals(cached.Owner, this))
        {
            return cached;
        }

        var breakers = _byTarget.TryGetValue(model, out var known) ? known : _byTarget.GetValue(model, NewBreakers);
        model.HealthCache = breakers;
        return breakers;
    }

    // A method group, not a lambda over a local: a capturing lambda would allocate its closure on every call.
    private Breakers NewBreakers(ModelTarget model)
    {
        lock (_models)
        {
            return new Breakers(this, Get(_models, model.Id), Get(_providers, model.Provider));
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

    private sealed class Breakers(InMemoryRouteHealthStore owner, CircuitState model, CircuitState provider)
    {
        /// <summary>The store these breakers belong to, checked when they are found through <see cref="ModelTarget.HealthCache"/>.</summary>
        public InMemoryRouteHealthStore Owner { get; } = owner;

        public CircuitState Model { get; } = model;

        public CircuitState Provider { get; } = provider;

        /// <summary>The target's budgets, looked up once per budget settings.</summary>
        public BudgetCache Budget { get; } = new();

        /// <summary>The last skip verdict of an open breaker, while it holds (see <see cref="SkipMemo"/>).</summary>
        public volatile SkipMemo? Skip;
    }

    /// <summary>
    /// "Skip until": a skip verdict of one open period of a breaker, answered again without the UTC clock while that very
    /// period is still the breaker's (the immutable <see cref="CircuitState.OpenBreaker"/> is compared by reference, so any
    /// change to the breaker, a success, a new period, a cooldown, ends the memo) and the coarse tick count has not
    /// reached the period's end less a margin. Near the end the exact path runs, so half-open trials start as before.
    /// </summary>
    private sealed class SkipMemo(CircuitState.OpenBreaker source, HealthVerdict verdict, long untilTick)
    {
        /// <summary>More than the coarse tick count's resolution (10-16 ms), so the memo never outlives its period.</summary>
        public const long MarginMs = 50;

        public HealthVerdict Verdict { get; } = verdict;

        public long UntilTick { get; } = untilTick;

        /// <summary>Whether the exact path would still reach this period: the provider's as it was, or the model's while the provider has none.</summary>
        public bool Answers(Breakers breakers)
        {
            var provider = breakers.Provider.Open;
            return ReferenceEquals(provider, source) || (provider is null && ReferenceEquals(breakers.Model.Open, source));
        }
    }
}
