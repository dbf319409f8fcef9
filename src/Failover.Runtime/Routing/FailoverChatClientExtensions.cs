using System;
using System.Linq;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>Routes as <see cref="IChatClient"/>s, for <c>ChatClientBuilder</c> middleware and any code that takes a chat client.</summary>
public static class FailoverChatClientExtensions
{
    /// <summary>
    /// The route as an <see cref="IChatClient"/>: each call walks the route's chain with the caller's messages, and the
    /// caller's <see cref="ChatOptions"/> (temperature, max output tokens, stop sequences, response format, tools, tool mode)
    /// are merged over the route's and sent to whichever model serves. Streaming fails over until the first chunk, as the
    /// route does. The provider's chosen model id is on the response; the route's prompt template is not applied.
    /// </summary>
    /// <param name="engine">The engine (resolve <see cref="FailoverEngine"/> from the container).</param>
    /// <param name="route">A route, such as one of <c>FailoverClientRegistry.RoutesOf&lt;ISupportAi&gt;()</c>.</param>
    /// <exception cref="FailoverConfigurationException">A model of the route cannot be reached (no such provider, no key).</exception>
    public static IChatClient AsChatClient(this FailoverEngine engine, RouteDescriptor route)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(route);
        return new RouteChatClient(engine, route);
    }

    /// <summary>The route named <paramref name="routeName"/> (<c>Interface.Method</c> without the leading I and Async, as in diagnostics).</summary>
    /// <exception cref="FailoverConfigurationException">No generated client declares such a route.</exception>
    public static IChatClient AsChatClient(this FailoverEngine engine, string routeName)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new RouteChatClient(engine, FindRoute(routeName));
    }

    internal static RouteDescriptor FindRoute(string routeName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routeName);
        var routes = FailoverClientRegistry.Routes;
        return routes.FirstOrDefault(r => string.Equals(r.Name, routeName, StringComparison.OrdinalIgnoreCase))
            ?? throw new FailoverConfigurationException($"No route named '{routeName}' is declared by a generated client. Known routes: {string.Join(", ", routes.Select(static r => r.Name).Take(20))}.");
    }
}
