using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover.CodeAnalysis;

/// <summary>
/// The distinct models of one interface's routes, built once in the route table's private <see cref="Field"/> array
/// instead of once per use (a model target is immutable). A model that one route lists twice (a duplicate fallback, a
/// canary that is also in the chain) still gets its own instance for the second use (RouteTable.Read copies it): the engine tells the
/// attempts of a call apart by their target.
/// </summary>
internal sealed class SharedModelTargets
{
    /// <summary>The array's name, reserved among the route table's members.</summary>
    public const string Field = "__Models";

    private readonly List<string> _expressions = new();
    private readonly Func<string, string> _target;

    public SharedModelTargets(EquatableArray<RouteModel> routes, Func<string, string> target)
    {
        _target = target;
        foreach (var id in routes.SelectMany(static route => Ids(route)))
        {
            var expression = target(id);
            if (!_expressions.Contains(expression))
            {
                _expressions.Add(expression);
            }
        }
    }

    /// <summary>The constructions of the distinct targets, in first-use order.</summary>
    public IReadOnlyList<string> Expressions => _expressions;

    /// <summary>
    /// How one route's table row refers to its models: the shared element's index on first use, <c>*index</c> (an own
    /// copy of it) on a repeated use.
    /// </summary>
    public Func<string, string> ReferencesForRoute()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return id =>
        {
            var index = _expressions.IndexOf(_target(id)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return seen.Add(id) ? index : "*" + index;
        };
    }

    private static IEnumerable<string> Ids(RouteModel route)
    {
        yield return route.Primary.Id;
        foreach (var fallback in route.Fallbacks)
        {
            yield return fallback.Id;
        }

        if (route.Features?.CanaryModel is { } canary)
        {
            yield return canary.Id;
        }
    }
}
