using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>Registers Failover with a service collection.</summary>
public static class FailoverServiceCollectionExtensions
{
    /// <summary>
    /// Adds the failover engine and lets <paramref name="configure"/> register providers. Calling it again
    /// adds to the same configuration. Telemetry is on: logs go to the <c>Failover.Routing</c> category, metrics to the
    /// <c>Failover</c> meter (through <see cref="IMeterFactory"/> when one is registered) and traces to the <c>Failover</c>
    /// activity source. Every registered <see cref="IRoutingEventSink"/> also receives each routing event.
    /// </summary>
    public static FailoverBuilder AddFailover(this IServiceCollection services, Action<FailoverBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var providers = FindProviders(services);
        if (providers is null)
        {
            providers = new Dictionary<string, ProviderRegistration>(StringComparer.OrdinalIgnoreCase);
            services.AddSingleton(new ProviderRegistrations(providers));
        }

        services.AddOptions<FailoverOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderDirectory>();
        services.TryAddSingleton(static sp => new EngineTelemetry(
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>(),
            sp.GetRequiredService<IOptionsMonitor<FailoverOptions>>()));
        services.TryAddSingleton<IRouteHealthStore>(static sp => new InMemoryRouteHealthStore(
            sp.GetRequiredService<IOptionsMonitor<FailoverOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new FailoverEngine(
            sp.GetRequiredService<ProviderDirectory>(),
            sp.GetRequiredService<IOptionsMonitor<FailoverOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IRoutingEventSink>(),
            sp.GetRequiredService<IRouteHealthStore>(),
            (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger("Failover.FailoverEngine") ?? NullLogger.Instance,
            sp.GetRequiredService<EngineTelemetry>()));

        var builder = new FailoverBuilder(services, providers);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>
    /// Registers the generated failover client for <typeparamref name="TInterface"/> as a singleton. The
    /// generator registers a factory for every interface with routes when the assembly loads, so nothing is
    /// reflected over. Resolving the client checks that every model of every route can be reached.
    /// </summary>
    public static FailoverBuilder AddFailoverClient<TInterface>(this FailoverBuilder builder)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TInterface>(static sp => FailoverClientRegistry.Create<TInterface>(sp.GetRequiredService<FailoverEngine>()));
        return builder;
    }

    private static Dictionary<string, ProviderRegistration>? FindProviders(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ProviderRegistrations) && descriptor.ImplementationInstance is ProviderRegistrations existing)
            {
                return existing.ByName;
            }
        }

        return null;
    }
}

/// <summary>The providers registered through <see cref="FailoverBuilder"/>, by name.</summary>
internal sealed record ProviderRegistrations(Dictionary<string, ProviderRegistration> ByName);
