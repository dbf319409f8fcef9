using System;
using System.Collections.Immutable;
using System.Linq;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO122 (suggestion): a Classification or Extraction route whose primary is a frontier model, the "route everything
/// through the strongest model" mistake. The message names a small or standard model of the same provider that suits
/// the tier and has what the route needs, when the catalog has one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CheapTierOnFrontierAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CheapTierOnFrontierModel);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var tier = RouteFacts.TierName(route.Tier);
        if (tier is not ("classification" or "extraction") || context.Catalog.Find(route.Primary.Id) is not { Class: ModelClass.Frontier } primary)
        {
            return;
        }

        var required = RouteFacts.Required(route, context.Method);
        var region = RouteFacts.Region(route);
        var date = context.CatalogDate;
        var cheaper = context.Catalog.Entries
            .Where(e => e.IsActive && e.IsServedOn(date)
                && string.Equals(e.Provider, primary.Provider, StringComparison.OrdinalIgnoreCase)
                && e.Class is ModelClass.Small or ModelClass.Standard
                && e.HasTier(tier)
                && e.HasCapabilities(required)
                && e.ContextWindow >= route.MinContextTokens
                && (region is null || e.HasRegion(region)))
            .OrderByDescending(static e => ModelClasses.Strength(e.Class))
            .ThenBy(static e => e.BlendedPerMillion)
            .ThenBy(static e => e.Id, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        var advice = cheaper is null
            ? $"move the primary to a small or standard model that suits {tier}, or set the route's Tier to what it really does"
            : $"move the primary to '{cheaper.Id}' ({ModelClasses.Format(cheaper.Class)}, {RouteFacts.Price(cheaper.BlendedPerMillion)}), or set the route's Tier to what it really does";
        // The code fix moves the primary only to a model the chain does not hold already (that would be FO105).
        var properties = cheaper is not null && !context.Models.Any(m => string.Equals(m.Id, cheaper.Id, StringComparison.OrdinalIgnoreCase))
            ? ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, cheaper.Id)
            : null;
        context.Report(DiagnosticDescriptors.CheapTierOnFrontierModel, route.Primary.Location, properties, route.RouteName, Capitalized(tier), primary.Id, RouteFacts.Price(primary.BlendedPerMillion), advice);
    }

    private static string Capitalized(string tier) => char.ToUpperInvariant(tier[0]) + tier.Substring(1);
}
