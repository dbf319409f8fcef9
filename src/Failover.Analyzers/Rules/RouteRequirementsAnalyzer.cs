using System.Collections.Immutable;
using System.Linq;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO110 / FO111 / FO112: a model of the chain (primary or fallback) lacking what the route requires: one diagnostic
/// per missing capability, a context window below MinContextTokens, a region it is not offered in. Models the catalog
/// does not know (FO107) and models whose regions the catalog does not list are not judged.
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
        var required = (ModelCapabilities)route.Requires;
        foreach (var model in context.Models)
        {
            if (context.Catalog.Find(model.Id) is not { } entry)
            {
                continue;
            }

            foreach (var capability in CatalogNames.Capabilities)
            {
                if ((required & capability.Value) != 0 && !entry.HasCapabilities(capability.Value))
                {
                    context.Report(DiagnosticDescriptors.ModelLacksCapability, model.Location, model.Id, route.RouteName, capability.Key);
                }
            }

            if (route.MinContextTokens > 0 && entry.ContextWindow < route.MinContextTokens)
            {
                context.Report(DiagnosticDescriptors.ModelContextTooSmall, model.Location, model.Id, route.RouteName, entry.ContextWindow, route.MinContextTokens);
            }

            if (route.Region is { } region && !entry.Regions.IsEmpty && !entry.HasRegion(region))
            {
                context.Report(DiagnosticDescriptors.ModelRegionNotOffered, model.Location, model.Id, route.RouteName, region, string.Join(", ", entry.Regions.Select(static r => "'" + r + "'")));
            }
        }
    }
}
