using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover;

/// <summary>Configures Failover: the providers routes may use and the generated clients to register.</summary>
public sealed class FailoverBuilder
{
    private readonly Dictionary<string, ProviderRegistration> _providers;

    internal FailoverBuilder(IServiceCollection services, Dictionary<string, ProviderRegistration> providers)
    {
        Services = services;
        _providers = providers;
    }

    /// <summary>The service collection Failover registers into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers any <see cref="IChatClient"/> (an official SDK adapter, Ollama, Semantic Kernel, a test fake)
    /// under a provider name: the part before the slash in <c>provider/model</c> ids.
    /// A later registration of the same name replaces the earlier one.
    /// </summary>
    /// <param name="name">The provider name, such as <c>openai</c>. Compared case-insensitively.</param>
    /// <param name="factory">Creates the client once, on first use.</param>
    public FailoverBuilder AddProvider(string name, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _providers[name] = new ProviderRegistration(name, factory, null);
        return this;
    }

    /// <summary>Registers an existing <see cref="IChatClient"/> instance under a provider name.</summary>
    public FailoverBuilder AddProvider(string name, IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AddProvider(name, _ => client);
    }

    /// <summary>
    /// Wraps a registered provider's client (built-in or not) in a <see cref="ChatClientBuilder"/> pipeline, such as
    /// <c>ConfigureProvider("openai", b => b.UseLogging())</c>. Call it after the provider's registration; calls add
    /// layers outermost last. Leave retries to the route and GenAI tracing to Failover (a provider wrapped with
    /// <c>UseOpenTelemetry</c> gets a warning: each attempt would have two GenAI spans; see docs/observability.md).
    /// </summary>
    /// <param name="name">The provider name, as registered.</param>
    /// <param name="pipeline">Adds middleware to the builder around the provider's client.</param>
    public FailoverBuilder ConfigureProvider(string name, Action<ChatClientBuilder> pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pipeline);
        if (!_providers.TryGetValue(name, out var registration))
        {
            throw new InvalidOperationException($"No provider named '{name}' is registered yet; register it (AddOpenAI, AddProvider ...) before ConfigureProvider(\"{name}\", ...). Registered providers: {string.Join(", ", _providers.Keys)}.");
        }

        if (registration.Factory is not { } inner)
        {
            return this; // misconfigured (no key): startup reports that, naming the route
        }

        _providers[name] = registration with
        {
            Factory = services =>
            {
                var builder = new ChatClientBuilder(inner(services));
                pipeline(builder);
                return builder.Build(services);
            },
        };
        return this;
    }

    /// <summary>
    /// Registers route <paramref name="routeName"/> (such as <c>SupportAi.Classify</c>) as a keyed <see cref="IChatClient"/>
    /// under its name, optionally wrapped in a <see cref="ChatClientBuilder"/> pipeline (function invocation, caching,
    /// OpenTelemetry, logging): resolve it with <c>[FromKeyedServices("SupportAi.Classify")] IChatClient</c>. Per-call
    /// <see cref="ChatOptions"/> reach whichever model serves; the route's prompt template is not applied.
    /// </summary>
    public FailoverBuilder AddRouteChatClient(string routeName, Action<ChatClientBuilder>? pipeline = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routeName);
        Services.AddKeyedSingleton<IChatClient>(routeName, (services, _) =>
        {
            var route = FailoverChatClientExtensions.FindRoute(routeName);
            var client = services.GetRequiredService<FailoverEngine>().AsChatClient(route);
            if (pipeline is null)
            {
                return client;
            }

            var builder = new ChatClientBuilder(client);
            pipeline(builder);
            return builder.Build(services);
        });
        return this;
    }

    /// <summary>
    /// Records a provider that was asked for but cannot work (for example its API key is empty). Startup
    /// fails with <paramref name="problem"/> only if a registered route actually uses the provider.
    /// </summary>
    public FailoverBuilder AddMisconfiguredProvider(string name, string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        _providers[name] = new ProviderRegistration(name, null, problem);
        return this;
    }
}
