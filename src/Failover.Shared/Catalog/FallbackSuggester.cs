using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// Picks the fallback a route is offered (the FO100–FO102 messages and the add-fallback code fix read the same answer).
/// A candidate must be active and served on the catalog date, on a provider other than the primary's, not already in the
/// route, with every capability the route needs, at least its context window and its region. Among those, in order:
/// a hosted model for a hosted primary (a local model only when no hosted one fits), the primary's own capabilities,
/// a class that meets the route tier's floor, a model that suits the tier, the class closest to the primary's, a context
/// window at least the primary's, the primary's regions; price (closest to the primary's by ratio) only breaks ties,
/// then the id, so the answer is deterministic.
/// </summary>
internal static class FallbackSuggester
{
    /// <summary>The suggested model, or <see langword="null"/> when no catalog model fits.</summary>
    /// <param name="catalog">The catalog in force.</param>
    /// <param name="primaryId">The route's primary model (need not be in the catalog).</param>
    /// <param name="requiredCapabilities">Every capability the route needs (declared and implied by its signature).</param>
    /// <param name="minContextWindow">The route's MinContextTokens.</param>
    /// <param name="region">The route's Region, or <see langword="null"/>.</param>
    /// <param name="tier">The route's catalog tier name, or <see langword="null"/> for General (the primary's tiers are used).</param>
    /// <param name="excludeIds">Models already in the route.</param>
    /// <param name="catalogDate">The <c>yyyy-MM-dd</c> date lifecycle dates are judged against, or <see langword="null"/> to judge statuses only.</param>
    public static ModelEntry? Suggest(
        ModelCatalog catalog,
        string primaryId,
        ModelCapabilities requiredCapabilities = ModelCapabilities.None,
        int minContextWindow = 0,
        string? region = null,
        string? tier = null,
        IEnumerable<string>? excludeIds = null,
        string? catalogDate = null)
    {
        ModelEntry? primary = catalog.Find(primaryId);
        string primaryProvider = primary?.Provider ?? ProviderOf(primaryId ?? string.Empty);
        var excluded = new HashSet<string>(excludeIds ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        string? wantedRegion = string.IsNullOrWhiteSpace(region) ? null : region!.Trim();
        bool hostedPrimary = primary is null || !primary.IsLocal;
        ModelClass floor = ModelClasses.FloorOf(tier);

        return catalog.Entries
            .Where(e => e.IsActive
                && (catalogDate is null || e.IsServedOn(catalogDate))
                && !string.Equals(e.Provider, primaryProvider, StringComparison.OrdinalIgnoreCase)
                && !excluded.Contains(e.Id)
                && e.HasCapabilities(requiredCapabilities)
                && e.ContextWindow >= minContextWindow
                && (wantedRegion is null || e.HasRegion(wantedRegion)))
            .OrderBy(e => hostedPrimary && e.IsLocal ? 1 : 0)
            .ThenBy(e => primary is null || e.HasCapabilities(primary.Capabilities & ~ModelCapabilities.Prefill) ? 0 : 1)
            .ThenBy(e => floor == ModelClass.Unknown || ModelClasses.Strength(e.Class) >= ModelClasses.Strength(floor) ? 0 : 1)
            .ThenBy(e => SuitsTier(e, tier, primary) ? 0 : 1)
            .ThenBy(e => ClassDistance(e, primary))
            .ThenBy(e => primary is null || e.ContextWindow >= primary.ContextWindow ? 0 : 1)
            .ThenBy(e => wantedRegion is not null || primary is null || primary.Regions.All(e.HasRegion) ? 0 : 1)
            .ThenBy(e => PriceDistance(e.BlendedPerMillion, primary?.BlendedPerMillion ?? 0))
            .ThenBy(e => e.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool SuitsTier(ModelEntry candidate, string? tier, ModelEntry? primary) =>
        !string.IsNullOrEmpty(tier) ? candidate.HasTier(tier!) : primary is not null && primary.Tiers.Any(candidate.HasTier);

    private static int ClassDistance(ModelEntry candidate, ModelEntry? primary)
    {
        int mine = ModelClasses.Strength(candidate.Class);
        int theirs = primary is null ? 0 : ModelClasses.Strength(primary.Class);
        return mine == 0 || theirs == 0 ? 1 : Math.Abs(mine - theirs);
    }

    private static double PriceDistance(double price, double primaryPrice) =>
        Math.Abs(Math.Log((price + 0.01) / (primaryPrice + 0.01)));

    private static string ProviderOf(string id)
    {
        int slash = id.IndexOf('/');
        return slash > 0 ? id.Substring(0, slash) : string.Empty;
    }
}
