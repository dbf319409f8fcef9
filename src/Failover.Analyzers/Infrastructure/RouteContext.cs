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

    public RouteContext(SymbolAnalysisContext context, IMethodSymbol method, RouteModel route, ModelCatalog catalog, string catalogDate)
    {
        CatalogDate = catalogDate;
        _context = context;
        Method = method;
        Route = route;
        Catalog = catalog;
    }

    public IMethodSymbol Method { get; }

    public RouteModel Route { get; }

    public ModelCatalog Catalog { get; }

    /// <summary>The yyyy-MM-dd day lifecycle dates are judged against (see <see cref="Analyzers.CatalogDate"/>).</summary>
    public string CatalogDate { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>Every model the route may call: the primary, the fallbacks in order, then the [Canary] model if any.</summary>
    public ImmutableArray<ModelReference> Models =>
        Route.Features?.CanaryModel is { } canary && canary.Id.Length > 0
            ? ImmutableArray.Create(Route.Primary).AddRange(Route.Fallbacks).Add(canary)
            : ImmutableArray.Create(Route.Primary).AddRange(Route.Fallbacks);

    /// <summary>The fallbacks that can serve a call on <see cref="CatalogDate"/>: not disabled or retired (unknown models count, FO107 judges them).</summary>
    public ImmutableArray<ModelReference> ServedFallbacks
    {
        get
        {
            var date = CatalogDate;
            var catalog = Catalog;
            return Route.Fallbacks.Where(f => catalog.Find(f.Id) is not { } entry || entry.IsServedOn(date)).ToImmutableArray();
        }
    }

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments) =>
        Report(descriptor, location, null, arguments);

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, ImmutableDictionary<string, string?>? properties, params object?[] arguments) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, ToSourceLocation(location), properties, arguments));

    /// <summary>The location a diagnostic is reported on: where the model was written, else the method itself.</summary>
    private Location ToSourceLocation(LocationInfo? location) =>
        location?.Location ?? Method.Locations.FirstOrDefault() ?? Location.None;
}
