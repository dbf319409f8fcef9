using System.Collections.Generic;

namespace Failover;

/// <summary>A route's settings overridden by configuration, without a redeploy (<c>Failover:Routes:{routeName}</c>).</summary>
public sealed class RouteOverrideOptions
{
    /// <summary>
    /// Replaces (or reorders) the route's chain: the first id is the primary, the rest are fallbacks. Each id must be a
    /// known model: one that appears in the chain or canary of a registered route. Empty keeps the declared chain.
    /// </summary>
    public IList<string> Chain { get; set; } = new List<string>();

    /// <summary>Overrides the attempts per model of the route's retry rule (1 means no retry); null keeps the declared rule.</summary>
    public int? MaxAttempts { get; set; }
}
