namespace Failover;

/// <summary>
/// Why a model is in a route's plan. Set once when the plan is built; "served by a fallback", result flags, metrics
/// and routing events are read from it.
/// </summary>
public enum SlotRole
{
    /// <summary>The route's primary model (or the first model of a chain overridden by configuration).</summary>
    Primary = 0,

    /// <summary>A backup, tried after the primary failed or was skipped.</summary>
    Fallback,

    /// <summary>The canary: a candidate model that gets a share of the traffic before the chain.</summary>
    Canary,

    /// <summary>A backup of a hedged route: it may be started while the model before it is still running.</summary>
    Hedge,
}
