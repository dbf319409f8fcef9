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
