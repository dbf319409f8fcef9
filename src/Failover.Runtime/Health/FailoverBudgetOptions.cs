using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Rate budgets per model and per provider, bound from <c>Failover:Budgets</c>: for example
/// <c>Failover:Budgets:Models:openai/gpt-5-mini:RequestsPerMinute</c> or
/// <c>Failover:Budgets:Providers:anthropic:TokensPerMinute</c>. The in-memory health store counts them for one process;
/// the Redis store (package Failover.Redis) counts them across every instance sharing the Redis.
/// </summary>
public sealed class FailoverBudgetOptions
{
    /// <summary>Budgets by model id (<c>provider/model</c>), compared case-insensitively.</summary>
    public IDictionary<string, RateBudget> Models { get; set; } = new Dictionary<string, RateBudget>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Budgets by provider name, compared case-insensitively. They cover every model of the provider together.</summary>
    public IDictionary<string, RateBudget> Providers { get; set; } = new Dictionary<string, RateBudget>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The budget of a model, or null when it has none that limits anything.</summary>
    public RateBudget? ForModel(string id) => Find(Models, id);

    /// <summary>The budget of a provider, or null when it has none that limits anything.</summary>
    public RateBudget? ForProvider(string name) => Find(Providers, name);

    private static RateBudget? Find(IDictionary<string, RateBudget> budgets, string key)
    {
        if (budgets.Count == 0)
        {
            return null;
        }

        if (budgets.TryGetValue(key, out var budget))
        {
            return budget.IsLimited ? budget : null;
        }

        // A dictionary bound by configuration may have lost the case-insensitive comparer.
        foreach (var pair in budgets)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value.IsLimited ? pair.Value : null;
            }
        }

        return null;
    }
}
