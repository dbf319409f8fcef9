using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO121: a fallback whose blended price (3 input : 1 output tokens) is more than <see cref="MaxRatio"/> times the
/// primary's. Free primaries (local models, price 0) are not judged: any hosted fallback costs "infinitely" more, and
/// that is the point of a local-first chain. Unknown models and fallbacks that cannot serve calls are not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackCostAnalyzer : RouteAnalyzer
{
    /// <summary>"Much more expensive": more than this many times the primary's blended price.</summary>
    public const double MaxRatio = 4;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FallbackMuchMoreExpensive);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        if (context.Catalog.Find(route.Primary.Id) is not { } primary || primary.BlendedPerMillion <= 0)
        {
            return;
        }

        foreach (var fallback in context.ServedFallbacks)
        {
            if (context.Catalog.Find(fallback.Id) is not { } entry || entry.BlendedPerMillion <= MaxRatio * primary.BlendedPerMillion)
            {
                continue;
            }

            var ratio = (entry.BlendedPerMillion / primary.BlendedPerMillion).ToString("0.#", CultureInfo.InvariantCulture);
            var suggestion = RouteFacts.SuggestFallback(context);
            var fits = suggestion is not null && suggestion.BlendedPerMillion <= MaxRatio * primary.BlendedPerMillion;
            var advice = fits
                ? $"choose a fallback closer in price, such as [Fallback(\"{suggestion!.Id}\")] at {RouteFacts.Price(suggestion.BlendedPerMillion)}, or suppress FO121 where the cost is budgeted"
                : "choose a fallback closer in price, or suppress FO121 where the cost is budgeted";
            context.Report(
                DiagnosticDescriptors.FallbackMuchMoreExpensive,
                fallback.Location,
                fits ? ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, suggestion!.Id) : null,
                fallback.Id,
                route.RouteName,
                RouteFacts.Price(entry.BlendedPerMillion),
                ratio,
                RouteFacts.Price(primary.BlendedPerMillion),
                primary.Id,
                advice);
        }
    }
}
