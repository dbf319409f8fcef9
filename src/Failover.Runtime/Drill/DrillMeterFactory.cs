using System.Diagnostics.Metrics;

namespace Failover;

/// <summary>
/// Gives the drill engine its metrics on a meter of its own, <c>Failover.Drill</c>, so that dashboards built on the
/// <c>Failover</c> meter never count a drill's probes (or its failures) as traffic or as an outage.
/// </summary>
internal sealed class DrillMeterFactory : IMeterFactory
{
    public const string MeterName = "Failover.Drill";

    public Meter Create(MeterOptions options) => new(MeterName, options.Version);

    public void Dispose()
    {
    }
}
