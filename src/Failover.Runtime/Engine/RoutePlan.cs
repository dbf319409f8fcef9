using System;

namespace Failover;

/// <summary>A route ready to run: its model slots in order and its resolved timeouts. Built once per route.</summary>
internal sealed class RoutePlan
{
    public RoutePlan(RouteDescriptor route, ModelSlot[] slots, TimeSpan? totalTimeout, ModelSlot? canarySlot = null, bool estimateContext = false)
    {
        CanarySlot = canarySlot;
        EstimateContext = estimateContext;
        Route = route;
        Slots = slots;
        TotalTimeout = totalTimeout;
    }

    public RouteDescriptor Route { get; }

    public ModelSlot[] Slots { get; }

    public TimeSpan? TotalTimeout { get; }

    /// <summary>The canary's slot, when the route has a canary.</summary>
    public ModelSlot? CanarySlot { get; }

    /// <summary>Whether models too small for the estimated prompt are skipped up front.</summary>
    public bool EstimateContext { get; }
}
