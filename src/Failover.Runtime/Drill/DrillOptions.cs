using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>What <see cref="FailoverDrill"/> probes and how: which routes, the probe of each route and the time a probe may take.</summary>
public sealed class DrillOptions
{
    /// <summary>Only the routes of these interfaces; empty for every registered interface.</summary>
    public IList<Type> Interfaces { get; } = new List<Type>();

    /// <summary>Only the routes declared in these assemblies; empty for every assembly.</summary>
    public IList<Assembly> Assemblies { get; } = new List<Assembly>();

    /// <summary>Only these routes (by name, case-insensitive); empty for every route that the other filters keep.</summary>
    public ISet<string> Routes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one probe (one model of one route) may take before it counts as failed.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sample arguments of a route's method by route name, then parameter name. A parameter without one gets a generated
    /// sample: a short text for strings, one user message for a messages parameter, its default value otherwise.
    /// </summary>
    public IDictionary<string, IDictionary<string, object?>> Arguments { get; } =
        new Dictionary<string, IDictionary<string, object?>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Probes given per route: called on the generated client instead of the route's method with sample arguments.</summary>
    internal Dictionary<string, Func<object, CancellationToken, Task>> Probes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gives <paramref name="route"/> its own probe: a call of the generated client, for example <c>(desk, ct) =&gt; desk.ClassifyAsync("My invoice is wrong", ct)</c>.</summary>
    /// <typeparam name="TInterface">The route's interface.</typeparam>
    /// <param name="route">The route name.</param>
    /// <param name="probe">The call to make; it must call <paramref name="route"/>.</param>
    /// <returns>These options.</returns>
    public DrillOptions Probe<TInterface>(string route, Func<TInterface, CancellationToken, Task> probe)
        where TInterface : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentNullException.ThrowIfNull(probe);
        Probes[route] = (client, token) => probe((TInterface)client, token);
        return this;
    }

    /// <summary>Sets one sample argument of a route's method.</summary>
    /// <param name="route">The route name.</param>
    /// <param name="parameter">The parameter name.</param>
    /// <param name="value">The value passed.</param>
    /// <returns>These options.</returns>
    public DrillOptions Argument(string route, string parameter, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        if (!Arguments.TryGetValue(route, out var values))
        {
            Arguments[route] = values = new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        values[parameter] = value;
        return this;
    }
}
