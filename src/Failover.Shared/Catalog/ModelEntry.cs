using System;
using System.Linq;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>One model of the catalog. Immutable and equatable, so it can travel through incremental generator pipelines.</summary>
/// <param name="Id">The id as written, <c>provider/model</c>; compare with <see cref="StringComparer.OrdinalIgnoreCase"/>.</param>
/// <param name="Provider">The part of <paramref name="Id"/> before the first <c>/</c>.</param>
/// <param name="Name">The part of <paramref name="Id"/> after the first <c>/</c> (what the provider's API calls the model).</param>
/// <param name="ContextWindow">The most tokens (input and output) the model accepts.</param>
/// <param name="MaxOutputTokens">The most tokens the model writes in one response, when known.</param>
/// <param name="Capabilities">What the model can do.</param>
/// <param name="Regions">Lower-case data regions the model is served from (for example <c>us</c>, <c>eu</c>); empty when unknown.</param>
/// <param name="InputPerMillion">US dollars per million input tokens.</param>
/// <param name="OutputPerMillion">US dollars per million output tokens.</param>
/// <param name="Tiers">Lower-case task tiers the model suits (for example <c>classification</c>, <c>reasoning</c>).</param>
/// <param name="Lifecycle">Active, deprecated or disabled.</param>
/// <param name="LifecycleDate">The <c>yyyy-MM-dd</c> date of the lifecycle status (required when deprecated), or <see langword="null"/>.</param>
/// <param name="Replacement">The id of the model that replaces this one, or <see langword="null"/>.</param>
/// <param name="Source">Where the entry was read from (its object in the catalog file).</param>
/// <param name="Class">How strong the model is (catalog field <c>class</c>); <see cref="ModelClass.Unknown"/> when not given.</param>
internal sealed record ModelEntry(
    string Id,
    string Provider,
    string Name,
    int ContextWindow,
    int? MaxOutputTokens,
    ModelCapabilities Capabilities,
    EquatableArray<string> Regions,
    double InputPerMillion,
    double OutputPerMillion,
    EquatableArray<string> Tiers,
    ModelLifecycle Lifecycle,
    string? LifecycleDate,
    string? Replacement,
    CatalogLocation Source,
    ModelClass Class = ModelClass.Unknown)
{
    /// <summary>
    /// <see cref="InputPerMillion"/> as a C# decimal literal (without the suffix) read from the catalog's own number
    /// text, never through a double, so the generator embeds exactly the price that was written; null when unknown.
    /// </summary>
    public string? InputPriceText { get; init; }

    /// <summary><see cref="OutputPerMillion"/> as a C# decimal literal read from the catalog's own number text.</summary>
    public string? OutputPriceText { get; init; }

    /// <summary>Whether the model is <see cref="ModelLifecycle.Active"/>.</summary>
    public bool IsActive => Lifecycle == ModelLifecycle.Active;

    /// <summary>
    /// Whether the model is deprecated and its retirement date (<see cref="LifecycleDate"/>) is on or before
    /// <paramref name="catalogDate"/> (<c>yyyy-MM-dd</c>): the provider has switched it off, whatever the catalog status says.
    /// </summary>
    public bool IsRetiredOn(string catalogDate) =>
        Lifecycle == ModelLifecycle.Deprecated && LifecycleDate is not null && string.CompareOrdinal(LifecycleDate, catalogDate) <= 0;

    /// <summary>
    /// Whether calls to the model can succeed on <paramref name="catalogDate"/>: not disabled and not retired. Only such
    /// models count as a fallback or toward provider diversity.
    /// </summary>
    public bool IsServedOn(string catalogDate) => Lifecycle != ModelLifecycle.Disabled && !IsRetiredOn(catalogDate);

    /// <summary>Whether the model is hosted on the user's own machine or cluster (class <c>local</c> or region <c>local</c>).</summary>
    public bool IsLocal => Class == ModelClass.Local || HasRegion("local");

    /// <summary>A single price to compare models by: US dollars per million tokens at three input tokens to one output token.</summary>
    public double BlendedPerMillion => ((3 * InputPerMillion) + OutputPerMillion) / 4;

    /// <summary>Whether the model has every capability in <paramref name="required"/>.</summary>
    public bool HasCapabilities(ModelCapabilities required) => (Capabilities & required) == required;

    /// <summary>Whether the model is served from <paramref name="region"/> (case-insensitive).</summary>
    public bool HasRegion(string region) => Regions.Any(r => string.Equals(r, region, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the model suits <paramref name="tier"/> (case-insensitive).</summary>
    public bool HasTier(string tier) => Tiers.Any(t => string.Equals(t, tier, StringComparison.OrdinalIgnoreCase));

    /// <summary>Splits a <c>provider/model</c> id at its first <c>/</c>; false when either part is empty or there is no <c>/</c>.</summary>
    public static bool TrySplitId(string id, out string provider, out string name)
    {
        int slash = id.IndexOf('/');
        if (slash <= 0 || slash == id.Length - 1)
        {
            provider = string.Empty;
            name = id;
            return false;
        }

        provider = id.Substring(0, slash);
        name = id.Substring(slash + 1);
        return provider.Trim().Length == provider.Length && name.Trim().Length == name.Length;
    }
}
