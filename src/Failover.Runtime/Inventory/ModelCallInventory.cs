using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace Failover;

/// <summary>
/// The model calls that bypass routes, registered by generated module initializers when an assembly with such calls
/// loads (one table per assembly). <see cref="RouteInventory"/> lists them beside the routes.
/// </summary>
public static class ModelCallInventory
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<UnroutedModelCall>> s_byAssembly = new(StringComparer.Ordinal);

    /// <summary>Every registered unrouted call, ordered by assembly, file and line.</summary>
    public static IReadOnlyList<UnroutedModelCall> UnroutedCalls =>
        s_byAssembly.Values.SelectMany(static calls => calls)
            .OrderBy(static c => c.Assembly, StringComparer.Ordinal)
            .ThenBy(static c => c.File, StringComparer.Ordinal)
            .ThenBy(static c => c.Line)
            .ToList();

    /// <summary>Called by generated code; registers the unrouted calls of one assembly.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(IReadOnlyList<UnroutedModelCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count > 0)
        {
            s_byAssembly[calls[0].Assembly] = calls;
        }
    }
}
