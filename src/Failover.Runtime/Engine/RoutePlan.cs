using System;

namespace Failover;

/// <summary>A route ready to run: its model slots in order and its resolved timeouts. Built once per route.</summary>
internal sealed class RoutePlan
{
    public RoutePlan(RouteDescriptor route, ModelSlot[] slots, TimeSpan? totalTimeout)
    {
        Route = route;
        Slots = slots;
        TotalTimeout = totalTimeout;
    }

    public RouteDescriptor Route { get; }

    public ModelSlot[] Slots { get; }

    public TimeSpan? TotalTimeout { get; }
}
