using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover;

/// <summary>
/// Checks <see cref="FailoverOptions"/> against the route inventory. Every problem names its configuration key, so
/// that a bad appsettings entry is found at once.
/// </summary>
internal static class FailoverOptionsValidator
{
    /// <param name="options">The options to check.</param>
    /// <param name="routes">The registered routes, by name.</param>
    /// <param name="registeredProviders">The providers registered with <c>AddProvider</c>: a run-time chain may name any model of them.</param>
    public static List<string> Validate(FailoverOptions options, IReadOnlyDictionary<string, RouteDescriptor> routes, IEnumerable<string>? registeredProviders = null)
    {
        var errors = new List<string>();
        var models = KnownRoutes.Models(routes.Values);
        var providers = new HashSet<string>(models.Values.Select(static m => m.Provider), StringComparer.OrdinalIgnoreCase);
        var registered = new HashSet<string>(registeredProviders ?? providers, StringComparer.OrdinalIgnoreCase);

        OptionRangeChecks.Check(options, routes, errors);

        for (var i = 0; i < options.DisabledModels.Count; i++)
        {
            var id = options.DisabledModels[i];
            if (!string.IsNullOrWhiteSpace(id) && !models.ContainsKey(id ?? string.Empty))
            {
                errors.Add($"Failover:DisabledModels:{i} names model '{id}', which no registered route uses. {Known("models", models.Keys)}");
            }
        }

        for (var i = 0; i < options.DisabledProviders.Count; i++)
        {
            var name = options.DisabledProviders[i];
            if (!string.IsNullOrWhiteSpace(name) && !providers.Contains(name ?? string.Empty))
            {
                errors.Add($"Failover:DisabledProviders:{i} names provider '{name}', which no registered route uses. {Known("providers", providers)}");
            }
        }

        foreach (var (name, routeOverride) in options.Routes)
        {
            if (!routes.ContainsKey(name))
            {
                errors.Add($"Failover:Routes:{name} names no registered route. {Known("routes", routes.Keys)}");
                continue;
            }

            if (routeOverride is null)
            {
                continue;
            }

            for (var i = 0; i < routeOverride.Chain.Count; i++)
            {
                var id = routeOverride.Chain[i];
                if (!string.IsNullOrWhiteSpace(id) && !models.ContainsKey(id ?? string.Empty) && ChainEntryProblem(id!, registered) is { } problem)
                {
                    errors.Add($"Failover:Routes:{name}:Chain:{i} {problem}");
                }
            }

            if (routeOverride.CanaryPercent is not null && routes[name].Canary is null)
            {
                errors.Add($"Failover:Routes:{name}:CanaryPercent is set, but route '{name}' declares no canary; add [Canary(\"provider/model\")] to the route or remove the key.");
            }

            RetryOverrideChecks.Check(name, routeOverride, routes[name], errors);
        }

        ChaosOptionsValidator.Validate(options.Chaos, models.Keys, errors);

        foreach (var route in routes.Values)
        {
            var chain = options.Routes.TryGetValue(route.Name, out var o) && o is { Chain.Count: > 0 }
                ? o.Chain.Where(static id => !string.IsNullOrWhiteSpace(id)).ToList()
                : route.Chain.Select(static m => m.Id).ToList();
            if (chain.All(id => IsDisabled(options, id)))
            {
                var key = o is { Chain.Count: > 0 } ? $"Failover:Routes:{route.Name}:Chain" : "Failover:DisabledModels/Failover:DisabledProviders";
                errors.Add($"{key} leaves route '{route.Name}' with no model it may call ({string.Join(", ", chain)} are all disabled).");
            }
        }

        return errors;
    }

    /// <summary>
    /// Every time value of the options goes through here, so that range rules live in one place. Null means "not set".
    /// </summary>
    /// <summary>
    /// Why a run-time chain entry cannot be used, or null when it can: <c>provider/model</c> with a registered provider.
    /// A model no compiled route names is fine (the provider decides); a provider typo is not.
    /// </summary>
    private static string? ChainEntryProblem(string id, HashSet<string> registered)
    {
        var slash = id.IndexOf('/');
        if (slash <= 0 || slash == id.Length - 1)
        {
            return $"is '{id}', which is not of the form 'provider/model'.";
        }

        var provider = id[..slash];
        return registered.Contains(provider)
            ? null
            : $"names model '{id}', but no provider named '{provider}' is registered. {Known("providers", registered)}";
    }

    public static bool IsDisabled(FailoverOptions options, string id)
    {
        if (options.DisabledModels.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = id.IndexOf('/');
        return slash > 0 && options.DisabledProviders.Contains(id[..slash], StringComparer.OrdinalIgnoreCase);
    }

    private static string Known(string what, IEnumerable<string> names)
    {
        var list = names.OrderBy(static n => n, StringComparer.Ordinal).Take(20).ToList();
        return list.Count == 0 ? $"No {what} are registered." : $"Known {what}: {string.Join(", ", list)}.";
    }
}
