using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Game days: faults injected into model calls through Polly's chaos strategies, configured under <c>Failover:Chaos</c>
/// and switched at run time like every other Failover setting. Off by default. Injected failures go through the engine
/// exactly like real ones (classified, retried, counted by the breakers, fallen back from) and are marked as injected
/// in routing events (<see cref="RoutingEvent.Injected"/>), logs (event 1009) and metrics (tag <c>failover.chaos.injected</c>).
/// </summary>
public sealed class FailoverChaosOptions
{
    /// <summary>Whether any fault is injected. Configuration key <c>Failover:Chaos:Enabled</c>.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>A seed for the injection decisions, so that a game day (or a test) is repeatable; null for a random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>The faults, per model. Configuration key <c>Failover:Chaos:Rules</c>.</summary>
    public IList<ChaosRule> Rules { get; set; } = new List<ChaosRule>();
}
