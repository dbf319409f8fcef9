using System.Collections.Immutable;
using System.Linq;
using Failover.CodeAnalysis.Catalog;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>What several rules need to say about a route: its tier name and the fallback the catalog suggests.</summary>
internal static class RouteFacts
{
    /// <summary>The diagnostic property with the suggested fallback id (read by the add-fallback code fix).</summary>
    public const string SuggestedFallback = "SuggestedFallback";

    /// <summary>The diagnostic property with the model id to write instead (read by the replace-model code fix).</summary>
    public const string ReplacementModel = "ReplacementModel";

    private static readonly string[] TierNames = { "general", "classification", "extraction", "generation", "reasoning" };

    /// <summary>The catalog tier of a RouteTier value, or null for General (then the primary's tiers are used).</summary>
    public static string? TierName(int tier) => tier > 0 && tier < TierNames.Length ? TierNames[tier] : null;

    /// <summary>An active model from another provider that meets every requirement of the route and is not already in it.</summary>
    public static string? SuggestFallback(RouteModel route, ModelCatalog catalog) =>
        catalog.SuggestFallback(
            route.Primary.Id,
            (ModelCapabilities)route.Requires,
            route.MinContextTokens,
            route.Region,
            TierName(route.Tier),
            route.Fallbacks.Select(static f => f.Id).Concat(new[] { route.Primary.Id }))?.Id;

    /// <summary>The "how to fix" sentence of FO100–FO102, and the property the code fix reads.</summary>
    public static (string Advice, ImmutableDictionary<string, string?> Properties) FallbackAdvice(RouteModel route, ModelCatalog catalog)
    {
        var suggestion = SuggestFallback(route, catalog);
        return suggestion is null
            ? ("add a [Fallback] with a model from another provider that meets the route's requirements", ImmutableDictionary<string, string?>.Empty)
            : ($"add [Fallback(\"{suggestion}\")], a catalog model from another provider that meets the route's requirements",
               ImmutableDictionary<string, string?>.Empty.Add(SuggestedFallback, suggestion));
    }
}
