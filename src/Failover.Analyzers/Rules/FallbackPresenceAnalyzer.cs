using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO100 / FO101: a route with no fallback that can serve calls (an error when the route is critical). Fallbacks the
/// catalog marks disabled, or deprecated with a retirement date on or before the catalog date, do not count.
/// </summary>
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
        if (!context.ServedFallbacks.IsEmpty)
        {
            return;
        }

        var what = route.Fallbacks.IsEmpty
            ? "no [Fallback]"
            : "no fallback that can serve calls (" + string.Join(", ", route.Fallbacks.Select(static f => "'" + f.Id + "'")) + (route.Fallbacks.Count == 1 ? " is" : " are") + " disabled or retired)";
        var (advice, properties) = RouteFacts.FallbackAdvice(context);
        var descriptor = route.Criticality >= Critical ? DiagnosticDescriptors.CriticalRouteWithoutFallback : DiagnosticDescriptors.NoFallback;
        context.Report(descriptor, route.Primary.Location, properties, route.RouteName, what, route.Primary.Id, advice);
    }
}
