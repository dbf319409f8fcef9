using Failover.CodeAnalysis.Catalog;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>A capability every model of a route must have, why (for the FO110 message) and how to stop needing it.</summary>
/// <param name="Capability">The capability.</param>
/// <param name="Reason">Why the route needs it, completing "which the route needs because …".</param>
/// <param name="Fix">The other way out besides choosing a capable model.</param>
internal sealed record RouteNeed(ModelCapabilities Capability, string Reason, string Fix);
