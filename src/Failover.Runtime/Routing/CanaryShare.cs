namespace Failover;

/// <summary>
/// The share of a route's calls that try its canary first: <c>Failover:Routes:{route}:CanaryPercent</c> when configured,
/// else the compiled <c>[Canary(Percent = ...)]</c>. The one place the engine's plans and the route inventory read it.
/// </summary>
internal static class CanaryShare
{
    /// <summary>The share in percent (0 without a canary) and whether configuration set it.</summary>
    public static (double Percent, bool Configured) Of(RouteDescriptor route, FailoverOptions? options)
    {
        if (route.Canary is not { } canary)
        {
            return (0, false);
        }

        return options is not null && options.Routes.TryGetValue(route.Name, out var routeOverride) && routeOverride?.CanaryPercent is { } configured
            ? (configured, true)
            : (canary.Percent, false);
    }
}
