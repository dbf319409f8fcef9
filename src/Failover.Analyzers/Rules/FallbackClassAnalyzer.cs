using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO120: a fallback of a clearly weaker class than the route needs. A Reasoning or Generation route needs at least a
/// standard model, so a small or local fallback is reported; a route of another tier is judged against its primary: a
/// fallback two classes below it (a small or local fallback for a frontier primary) is reported. Models without a
/// class, unknown models and fallbacks that cannot serve calls (FO109) are not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackClassAnalyzer : RouteAnalyzer
{
    private const int ClearGap = 2;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FallbackBelowTier);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var tier = RouteFacts.TierName(route.Tier);
        var floor = ModelClasses.FloorOf(tier);
        var primary = context.Catalog.Find(route.Primary.Id);
        foreach (var fallback in context.ServedFallbacks)
        {
            if (context.Catalog.Find(fallback.Id) is not { Class: not ModelClass.Unknown } entry)
            {
                continue;
            }

            var strength = ModelClasses.Strength(entry.Class);
            string? bar = null;
            if (floor != ModelClass.Unknown && strength < ModelClasses.Strength(floor))
            {
                bar = $"the {ModelClasses.Format(floor)} class a {Capitalized(tier!)} route needs";
            }
            else if (floor == ModelClass.Unknown && primary is { Class: not ModelClass.Unknown } && ModelClasses.Strength(primary.Class) - strength >= ClearGap)
            {
                bar = $"its {ModelClasses.Format(primary.Class)} primary '{primary.Id}'";
            }

            if (bar is null)
            {
                continue;
            }

            var suggestion = RouteFacts.SuggestFallback(context);
            var wanted = floor != ModelClass.Unknown ? floor : ModelClass.Standard;
            var fits = suggestion is not null && ModelClasses.Strength(suggestion.Class) >= ModelClasses.Strength(wanted);
            var advice = fits
                ? $"use a {ModelClasses.Format(wanted)} or stronger fallback such as [Fallback(\"{suggestion!.Id}\")], or suppress FO120 where degrading to a weaker model is intended"
                : $"use a {ModelClasses.Format(wanted)} or stronger fallback, or suppress FO120 where degrading to a weaker model is intended";
            var properties = fits ? ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, suggestion!.Id) : null;
            context.Report(DiagnosticDescriptors.FallbackBelowTier, fallback.Location, properties, fallback.Id, route.RouteName, ModelClasses.Format(entry.Class), bar, advice);
        }
    }

    private static string Capitalized(string tier) => char.ToUpperInvariant(tier[0]) + tier.Substring(1);
}
