using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Failover;

/// <summary>The options in force and the plans built from them. Replaced whole when configuration changes.</summary>
internal sealed class PlanGeneration
{
    public PlanGeneration(FailoverOptions options) => Options = options;

    public FailoverOptions Options { get; }

    public ConcurrentDictionary<RouteDescriptor, RoutePlan> Plans { get; } = new(ReferenceEqualityComparer.Instance);
}
