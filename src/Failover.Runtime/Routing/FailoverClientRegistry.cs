using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Failover;

/// <summary>
/// The generated clients and their routes, registered by generated module initializers when an assembly
/// with routes loads. Also the route inventory: every route the application declares.
/// </summary>
public static class FailoverClientRegistry
{
    private static readonly ConcurrentDictionary<Type, Registration> s_clients = new();

    /// <summary>Every registered route, in registration order of their interfaces.</summary>
    public static IReadOnlyList<RouteDescriptor> Routes
    {
        get
        {
            var routes = new List<RouteDescriptor>();
            foreach (var registration in s_clients.Values)
            {
                routes.AddRange(registration.Routes);
            }

            routes.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return routes;
        }
    }

    /// <summary>Called by generated code; registers the factory and routes of one interface.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<[DynamicallyAccessedMembers(DrillMembers)] TInterface>(Func<FailoverEngine, TInterface> factory, IReadOnlyList<RouteDescriptor> routes)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(routes);
        s_clients[typeof(TInterface)] = new Registration(factory, routes) { Client = new RegisteredClient(typeof(TInterface), engine => factory(engine), routes) };
    }

    /// <summary>The interface methods the drill calls are kept by the trimmer: the drill invokes routes through the generated client.</summary>
    internal const DynamicallyAccessedMemberTypes DrillMembers = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.Interfaces;

    /// <summary>Every registered interface with its client factory and routes, for the drill.</summary>
    internal static IEnumerable<RegisteredClient> Clients
    {
        get
        {
            foreach (var registration in s_clients.Values)
            {
                yield return registration.Client;
            }
        }
    }

    /// <summary>The routes declared by <typeparamref name="TInterface"/>, or an empty list when it has no generated client.</summary>
    public static IReadOnlyList<RouteDescriptor> RoutesOf<TInterface>() =>
        s_clients.TryGetValue(typeof(TInterface), out var registration) ? registration.Routes : Array.Empty<RouteDescriptor>();

    /// <summary>Creates the generated client for <typeparamref name="TInterface"/> after checking each of its routes against the engine's providers.</summary>
    public static TInterface Create<TInterface>(FailoverEngine engine)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!s_clients.TryGetValue(typeof(TInterface), out var registration))
        {
            throw new FailoverConfigurationException(
                $"No generated failover client exists for '{typeof(TInterface).FullName}'. Make sure the interface has methods marked [ModelRoute], " +
                "that the project references the Failover package (which carries the generator), and that the build shows no CS9057 or CS8032 warning about the generator.");
        }

        foreach (var route in registration.Routes)
        {
            engine.Validate(route);
        }

        return ((Func<FailoverEngine, TInterface>)registration.Factory)(engine);
    }

    private sealed record Registration(Delegate Factory, IReadOnlyList<RouteDescriptor> Routes)
    {
        public required RegisteredClient Client { get; init; }
    }
}
