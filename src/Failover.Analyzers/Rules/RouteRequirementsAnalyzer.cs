using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO110 / FO111 / FO112: a model the route may call (primary, fallback or canary) lacking what the route needs: one
/// diagnostic per missing capability (declared in Requires or implied by the signature: structured output needs json,
/// a stream needs streaming, tool parameters need tools), a context window below MinContextTokens, or a Region its
/// catalog entry does not list (an entry that lists no regions guarantees none). Models the catalog does not know
/// (FO107) are not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RouteRequirementsAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ModelLacksCapability,
        DiagnosticDescriptors.ModelContextTooSmall,
        DiagnosticDescriptors.ModelRegionNotOffered);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var needs = RouteFacts.Needs(route, context.Method);
        var region = RouteFacts.Region(route);
        foreach (var model in context.Models)
        {
            if (context.Catalog.Find(model.Id) is not { } entry)
            {
                continue;
            }

            foreach (var need in needs)
            {
                if (!entry.HasCapabilities(need.Capability))
                {
                    context.Report(DiagnosticDescriptors.ModelLacksCapability, model.Location, model.Id, route.RouteName, Catalog.CatalogNames.Format(need.Capability), need.Reason, need.Fix);
                }
            }

            if (route.MinContextTokens > 0 && entry.ContextWindow < route.MinContextTokens)
            {
                context.Report(DiagnosticDescriptors.ModelContextTooSmall, model.Location, model.Id, route.RouteName, entry.ContextWindow, route.MinContextTokens);
            }

            if (region is not null && !entry.HasRegion(region))
            {
                var offered = entry.Regions.IsEmpty
                    ? "its catalog entry lists no regions"
                    : "its catalog entry lists " + string.Join(", ", entry.Regions.Select(static r => "'" + r + "'"));
                context.Report(DiagnosticDescriptors.ModelRegionNotOffered, model.Location, model.Id, route.RouteName, region, offered);
            }
        }
    }
}
