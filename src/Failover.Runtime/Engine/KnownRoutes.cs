using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// What configuration may name: the routes registered by generated clients (<see cref="FailoverClientRegistry"/>)
/// plus any route the engine has run, and the models in their chains and canaries. A model is "known" when at least
/// one such route names it: that is where its catalog facts (context window, prices) come from at run time.
/// </summary>
internal sealed class KnownRoutes
{
    private readonly ConcurrentDictionary<string, RouteDescriptor> _seen = new(StringComparer.OrdinalIgnoreCase);

    public void Add(RouteDescriptor route) => _seen.TryAdd(route.Name, route);

    public Dictionary<string, RouteDescriptor> Routes()
    {
        var routes = new Dictionary<string, RouteDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in FailoverClientRegistry.Routes)
        {
            routes[route.Name] = route;
        }

        foreach (var pair in _seen)
        {
            routes.TryAdd(pair.Key, pair.Value);
        }

        return routes;
    }

    public static Dictionary<string, ModelTarget> Models(IEnumerable<RouteDescriptor> routes)
    {
        var models = new Dictionary<string, ModelTarget>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            foreach (var model in route.Chain)
            {
                models.TryAdd(model.Id, model);
            }

            if (route.Canary is { } canary)
            {
                models.TryAdd(canary.Model.Id, canary.Model);
            }
        }

        return models;
    }

    public ModelTarget? FindModel(string id) => Models(Routes().Values).TryGetValue(id, out var model) ? model : null;
}
