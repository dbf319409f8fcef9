using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Failover;

/// <summary>Resolves provider names to their <see cref="IChatClient"/>s, once each, and checks routes against them.</summary>
internal sealed class ProviderDirectory
{
    private readonly Dictionary<string, ProviderRegistration> _registrations;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    public ProviderDirectory(ProviderRegistrations registrations, IServiceProvider services)
    {
        _registrations = registrations.ByName;
        _services = services;
    }

    public IEnumerable<string> Names => _registrations.Keys;

    public IChatClient Get(string provider) => _clients.GetOrAdd(provider, Create);

    /// <summary>Throws a <see cref="FailoverConfigurationException"/> naming the route and provider when a model of the route cannot be reached.</summary>
    public void Validate(RouteDescriptor route)
    {
        var models = route.Canary is { } canary ? System.Linq.Enumerable.Append(route.Chain, canary.Model) : route.Chain;
        foreach (var model in models)
        {
            Validate(route.Name, model);
        }
    }

    /// <summary>Throws a <see cref="FailoverConfigurationException"/> naming the route and provider when <paramref name="model"/> cannot be reached.</summary>
    public void Validate(string routeName, ModelTarget model)
    {
        if (!_registrations.TryGetValue(model.Provider, out var registration))
        {
            throw new FailoverConfigurationException(
                $"Route '{routeName}' uses model '{model.Id}', but no provider named '{model.Provider}' is registered. " +
                $"Register one in AddFailover (for example AddProvider(\"{model.Provider}\", client)). Registered providers: {string.Join(", ", _registrations.Keys)}.");
        }

        if (registration.Problem is { } problem)
        {
            throw new FailoverConfigurationException($"Route '{routeName}' uses model '{model.Id}', but provider '{model.Provider}' cannot be used: {problem}");
        }
    }

    private IChatClient Create(string provider)
    {
        if (!_registrations.TryGetValue(provider, out var registration) || registration.Factory is null)
        {
            throw new FailoverConfigurationException(
                registration?.Problem ?? $"No provider named '{provider}' is registered. Register one in AddFailover.");
        }

        var client = registration.Factory(_services)
            ?? throw new FailoverConfigurationException($"The factory registered for provider '{provider}' returned null.");
        if (client.GetService(typeof(OpenTelemetryChatClient)) is not null && _services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            ProviderLog.DuplicateGenAITelemetry(loggers.CreateLogger(InheritedResilience.ProviderLogCategory), provider);
        }

        return client;
    }
}
