using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO100 / FO101: a route with no fallback (an error when the route is critical).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackPresenceAnalyzer : RouteAnalyzer
{
    private const int Critical = 3;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoFallback, DiagnosticDescriptors.CriticalRouteWithoutFallback);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        if (!route.Fallbacks.IsEmpty)
        {
            return;
        }

        var (advice, properties) = RouteFacts.FallbackAdvice(route, context.Catalog);
        var descriptor = route.Criticality >= Critical ? DiagnosticDescriptors.CriticalRouteWithoutFallback : DiagnosticDescriptors.NoFallback;
        context.Report(descriptor, route.Primary.Location, properties, route.RouteName, route.Primary.Id, advice);
    }
}
