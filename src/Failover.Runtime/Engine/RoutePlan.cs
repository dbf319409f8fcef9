using System;

namespace Failover;

/// <summary>A route ready to run: its model slots in order (each with its role) and its resolved limits. Built once per route and configuration.</summary>
internal sealed class RoutePlan
{
    public RoutePlan(RouteDescriptor route, ModelSlot[] slots, RouteLimits limits, ModelSlot? canarySlot, bool estimateContext, StreamRecovery recovery, double canaryPercent = 0)
    {
        CanaryPercent = canaryPercent;
        Route = route;
        Slots = slots;
        Limits = limits;
        TotalTimeout = limits.Total;
        CanarySlot = canarySlot;
        EstimateContext = estimateContext;
        Recovery = recovery;
        Hedge = route.Hedge is { } hedge && hedge > TimeSpan.Zero ? hedge : null;
    }

    public RouteDescriptor Route { get; }

    /// <summary>The engine generation the plan belongs to, so that a route's cached plan is used only by that generation.</summary>
    public PlanGeneration? Generation { get; set; }

    public ModelSlot[] Slots { get; }

    /// <summary>The route's time limits: attribute, then configuration, then global defaults.</summary>
    public RouteLimits Limits { get; }

    public TimeSpan? TotalTimeout { get; }

    /// <summary>The canary's slot, when the route has a canary.</summary>
    public ModelSlot? CanarySlot { get; }

    /// <summary>The canary's share in percent: configuration's (<see cref="RouteOverrideOptions.CanaryPercent"/>), else the compiled one.</summary>
    public double CanaryPercent { get; }

    /// <summary>Whether models too small for the estimated prompt are skipped up front.</summary>
    public bool EstimateContext { get; }

    /// <summary>What a stream does when it breaks after its first chunk.</summary>
    public StreamRecovery Recovery { get; }

    /// <summary>The hedge delay, or null when the route does not hedge.</summary>
    public TimeSpan? Hedge { get; }
}
