using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Counts requests and tokens of budgeted models and providers in this process, in fixed one-minute windows
/// (<see cref="RateWindow"/>). Thread-safe: one lock, taken only for targets that have a budget.
/// </summary>
internal sealed class RateBudgetLedger
{
    private readonly Dictionary<string, Counter> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Counter> _providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Counts one request of <paramref name="target"/> when neither its budget nor its provider's is spent in the
    /// current window; otherwise counts nothing and says which budget is spent.
    /// </summary>
    public HealthVerdict TryReserve(ModelTarget target, RateBudget? model, RateBudget? provider, DateTimeOffset now)
    {
        var window = RateWindow.IndexOf(now);
        lock (_models)
        {
            var modelCounter = model is null ? null : Get(_models, target.Id, window);
            var providerCounter = provider is null ? null : Get(_providers, target.Provider, window);
            var spent = Spent(providerCounter, provider, "provider", target.Provider, window) ?? Spent(modelCounter, model, "model", target.Id, window);
            if (spent is { } verdict)
            {
                return verdict;
            }

            if (modelCounter is not null)
            {
                modelCounter.Requests++;
            }

            if (providerCounter is not null)
            {
                providerCounter.Requests++;
            }

            return HealthVerdict.Available;
        }
    }

    /// <summary>Adds tokens used by an answer of <paramref name="target"/> to the budgets that count tokens.</summary>
    public void AddTokens(ModelTarget target, RateBudget? model, RateBudget? provider, long tokens, DateTimeOffset now)
    {
        var window = RateWindow.IndexOf(now);
        lock (_models)
        {
            if (model?.TokensPerMinute > 0)
            {
                Get(_models, target.Id, window).Tokens += tokens;
            }

            if (provider?.TokensPerMinute > 0)
            {
                Get(_providers, target.Provider, window).Tokens += tokens;
            }
        }
    }

    private static HealthVerdict? Spent(Counter? counter, RateBudget? budget, string subject, string name, long window)
    {
        if (counter is null || budget is null)
        {
            return null;
        }

        if (budget.RequestsPerMinute is > 0 and var requests && counter.Requests >= requests)
        {
            var until = RateWindow.EndOf(window);
            return HealthVerdict.BudgetSpent(until, RateWindow.Reason(subject, name, "requests", requests, until));
        }

        if (budget.TokensPerMinute is > 0 and var tokens && counter.Tokens >= tokens)
        {
            var until = RateWindow.EndOf(window);
            return HealthVerdict.BudgetSpent(until, RateWindow.Reason(subject, name, "tokens", tokens, until));
        }

        return null;
    }

    private static Counter Get(Dictionary<string, Counter> counters, string key, long window)
    {
        if (!counters.TryGetValue(key, out var counter))
        {
            counters[key] = counter = new Counter();
        }

        if (counter.Window != window)
        {
            counter.Window = window;
            counter.Requests = 0;
            counter.Tokens = 0;
        }

        return counter;
    }

    private sealed class Counter
    {
        public long Window = long.MinValue;
        public long Requests;
        public long Tokens;
    }
}
