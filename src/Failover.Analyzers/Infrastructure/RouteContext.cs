using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>One parsed route handed to a rule: the route, the catalog in force, and a way to report.</summary>
internal readonly struct RouteContext
{
    private readonly SymbolAnalysisContext _context;

    public RouteContext(SymbolAnalysisContext context, IMethodSymbol method, RouteModel route, ModelCatalog catalog)
    {
        _context = context;
        Method = method;
        Route = route;
        Catalog = catalog;
    }

    public IMethodSymbol Method { get; }

    public RouteModel Route { get; }

    public ModelCatalog Catalog { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>The primary, then the fallbacks in order.</summary>
    public ImmutableArray<ModelReference> Models => ImmutableArray.Create(Route.Primary).AddRange(Route.Fallbacks);

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments) =>
        Report(descriptor, location, null, arguments);

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, ImmutableDictionary<string, string?>? properties, params object?[] arguments) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, ToSourceLocation(location), properties, arguments));

    /// <summary>The location a diagnostic is reported on: where the model was written, else the method itself.</summary>
    private Location ToSourceLocation(LocationInfo? location) =>
        location?.Location ?? Method.Locations.FirstOrDefault() ?? Location.None;
}
