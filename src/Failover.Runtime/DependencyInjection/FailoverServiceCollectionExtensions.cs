using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
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
    /// <remarks>
    /// The <c>Failover</c> section of the application's <see cref="IConfiguration"/> (every host registers one) is bound
    /// to <see cref="FailoverOptions"/>; keys it does not know, wrong shapes and unconvertible values are errors naming the
    /// key. With a host, configuration, routes, providers and keys are checked when the host starts; without one, when
    /// the engine or a client is first resolved.
    /// </remarks>
    public static FailoverBuilder AddFailover(this IServiceCollection services, Action<FailoverBuilder>? configure = null) =>
        AddFailoverCore(services, null, configure);

    /// <summary>
    /// Adds the failover engine like <see cref="AddFailover(IServiceCollection, Action{FailoverBuilder}?)"/>, binding
    /// <paramref name="configuration"/> (for example <c>builder.Configuration.GetSection("Failover")</c>) instead of the
    /// <c>Failover</c> section of the registered <see cref="IConfiguration"/>.
    /// </summary>
    public static FailoverBuilder AddFailover(this IServiceCollection services, IConfiguration configuration, Action<FailoverBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddFailoverCore(services, configuration, configure);
    }

    private static FailoverBuilder AddFailoverCore(IServiceCollection services, IConfiguration? section, Action<FailoverBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);

        var providers = FindProviders(services);
        if (providers is null)
        {
            providers = new Dictionary<string, ProviderRegistration>(StringComparer.OrdinalIgnoreCase);
            services.AddSingleton(new ProviderRegistrations(providers));
        }

        services.AddOptions<FailoverOptions>();
        AddConfiguration(services, section);
        services.TryAddSingleton(TimeProvider.System); // clock: the default only when the app registered none; every component takes the TimeProvider from here
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
            sp.GetRequiredService<EngineTelemetry>(),
            sp.GetRequiredService<KnownRoutes>()));

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
        var clients = FindInstance<FailoverClientTypes>(builder.Services)!;
        if (!clients.Types.Contains(typeof(TInterface)))
        {
            clients.Types.Add(typeof(TInterface));
        }

        return builder;
    }

    /// <summary>
    /// Binds the section strictly, reloads on its change token, and makes every reader of <see cref="FailoverOptions"/>
    /// (<see cref="IOptionsMonitor{TOptions}"/> and <see cref="IOptions{TOptions}"/>) see validated snapshots only.
    /// </summary>
    private static void AddConfiguration(IServiceCollection services, IConfiguration? section)
    {
        if (section is not null)
        {
            services.RemoveAll<FailoverConfigurationSection>();
            services.AddSingleton(new FailoverConfigurationSection(section));
        }
        else
        {
            services.TryAddSingleton(static sp => new FailoverConfigurationSection(sp.GetService<IConfiguration>()?.GetSection(FailoverConfigurationSection.Name)));
        }

        if (FindInstance<FailoverClientTypes>(services) is not null)
        {
            return; // AddFailover was called before: the rest is registered once.
        }

        services.AddSingleton(new FailoverClientTypes());
        services.AddSingleton<IConfigureOptions<FailoverOptions>, FailoverConfigurationBinding>();
        services.AddSingleton<IOptionsChangeTokenSource<FailoverOptions>>(static sp => sp.GetRequiredService<FailoverConfigurationSection>().Section is { } bound
            ? new ConfigurationChangeTokenSource<FailoverOptions>(bound)
            : new NoConfigurationChanges());
        services.TryAddSingleton<KnownRoutes>();
        services.TryAddSingleton(static sp => new ValidatedFailoverOptions(
            sp.GetRequiredService<IOptionsFactory<FailoverOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<FailoverOptions>>(),
            sp.GetRequiredService<KnownRoutes>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<ProviderRegistrations>()?.ByName.Keys));
        services.AddSingleton<IOptionsMonitor<FailoverOptions>>(static sp => sp.GetRequiredService<ValidatedFailoverOptions>());
        services.AddSingleton<IOptions<FailoverOptions>>(static sp => sp.GetRequiredService<ValidatedFailoverOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FailoverStartupCheck>());
    }

    private static T? FindInstance<T>(IServiceCollection services)
        where T : class
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is T existing)
            {
                return existing;
            }
        }

        return null;
    }

    /// <summary>The change token source when the application has no configuration: nothing ever changes.</summary>
    private sealed class NoConfigurationChanges : IOptionsChangeTokenSource<FailoverOptions>
    {
        public string Name => Options.DefaultName;

        public IChangeToken GetChangeToken() => new CancellationChangeToken(System.Threading.CancellationToken.None);
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
