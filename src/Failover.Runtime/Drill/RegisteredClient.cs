using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Failover;

/// <summary>One interface registered by generated code: its type (methods kept for the drill), its client factory and its routes.</summary>
internal sealed record RegisteredClient(
    [property: DynamicallyAccessedMembers(FailoverClientRegistry.DrillMembers)] Type Interface,
    Func<FailoverEngine, object> Create,
    IReadOnlyList<RouteDescriptor> Routes);
