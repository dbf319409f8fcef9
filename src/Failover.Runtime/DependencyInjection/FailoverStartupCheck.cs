using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Failover;

/// <summary>
/// Checks Failover when the host starts, before any hosted service (a web server) starts: the configuration, then every
/// route of every client registered with <c>AddFailoverClient</c> against the registered providers and their keys. The
/// messages are the ones resolving the client would give; without a host, resolving the client checks the same things.
/// </summary>
internal sealed class FailoverStartupCheck : IHostedLifecycleService
{
    private readonly IServiceProvider _services;
    private readonly FailoverClientTypes _clients;

    public FailoverStartupCheck(IServiceProvider services, FailoverClientTypes clients)
    {
        _services = services;
        _clients = clients;
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _services.GetRequiredService<FailoverEngine>();
        foreach (var client in _clients.Types)
        {
            _services.GetRequiredService(client);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The interfaces registered with <c>AddFailoverClient</c>, checked at host start.</summary>
internal sealed class FailoverClientTypes
{
    public List<Type> Types { get; } = [];
}
