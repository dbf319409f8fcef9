using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>What several rules need to say about a route: its tier, what it needs, and the fallback the catalog suggests.</summary>
internal static class RouteFacts
{
    /// <summary>The diagnostic property with the suggested fallback id (read by the add-fallback code fix).</summary>
    public const string SuggestedFallback = "SuggestedFallback";

    /// <summary>The diagnostic property with the model id to write instead (read by the replace-model code fix).</summary>
    public const string ReplacementModel = "ReplacementModel";

    private const string AIToolType = "Microsoft.Extensions.AI.AITool";

    private static readonly string[] TierNames = { "general", "classification", "extraction", "generation", "reasoning" };

    /// <summary>The catalog tier of a RouteTier value, or null for General (then the primary's tiers are used).</summary>
    public static string? TierName(int tier) => tier > 0 && tier < TierNames.Length ? TierNames[tier] : null;

    /// <summary>
    /// Every capability each model of the route must have: those in Requires, JSON output for a structured return
    /// (Task&lt;T&gt;, RouteResult&lt;T&gt; of a class, record or struct), streaming for an IAsyncEnumerable return, and
    /// tools when a parameter passes tools (AITool, AIFunction or a collection of them). One entry per capability; a
    /// capability in Requires is explained by Requires.
    /// </summary>
    public static ImmutableArray<RouteNeed> Needs(RouteModel route, IMethodSymbol method)
    {
        var needs = new List<RouteNeed>();
        var declared = (ModelCapabilities)route.Requires;
        foreach (var capability in CatalogNames.Capabilities)
        {
            if ((declared & capability.Value) != 0)
            {
                needs.Add(new RouteNeed(capability.Value, "it is in Requires", $"drop {capability.Key} from Requires"));
            }
        }

        var structured = route.Return.Kind == ReturnKind.Structured
            || (route.Return.Kind == ReturnKind.RouteResult && route.Return.ReaderKind == ReturnKind.Structured);
        if (structured && (declared & ModelCapabilities.Json) == 0)
        {
            needs.Add(new RouteNeed(
                ModelCapabilities.Json,
                $"it returns structured output ({ShortName(route.Return.ValueType)}), which is read from a JSON response",
                "return Task<string> and parse the text yourself"));
        }

        if (route.Return.IsStream && (declared & ModelCapabilities.Streaming) == 0)
        {
            needs.Add(new RouteNeed(ModelCapabilities.Streaming, "it returns a stream (IAsyncEnumerable)", "return Task<string> instead of a stream"));
        }

        if ((declared & ModelCapabilities.Tools) == 0 && method.Parameters.FirstOrDefault(static p => PassesTools(p.Type)) is { } tools)
        {
            needs.Add(new RouteNeed(ModelCapabilities.Tools, $"it passes tools (parameter '{tools.Name}')", "stop passing tools to this route"));
        }

        return needs.ToImmutableArray();
    }

    /// <summary>The union of <see cref="Needs"/>.</summary>
    public static ModelCapabilities Required(RouteModel route, IMethodSymbol method) =>
        Needs(route, method).Aggregate(ModelCapabilities.None, static (all, need) => all | need.Capability);

    /// <summary>The route's Region trimmed, or null when it has none.</summary>
    public static string? Region(RouteModel route) => string.IsNullOrWhiteSpace(route.Region) ? null : route.Region!.Trim();

    /// <summary>The one fallback suggestion of the route (see <see cref="FallbackSuggester"/>), or null when nothing fits.</summary>
    public static ModelEntry? SuggestFallback(RouteContext context) =>
        FallbackSuggester.Suggest(
            context.Catalog,
            context.Route.Primary.Id,
            Required(context.Route, context.Method),
            context.Route.MinContextTokens,
            Region(context.Route),
            TierName(context.Route.Tier),
            context.Models.Select(static f => f.Id),
            context.CatalogDate);

    /// <summary>The "how to fix" sentence of FO100–FO102, and the property the code fix reads.</summary>
    public static (string Advice, ImmutableDictionary<string, string?> Properties) FallbackAdvice(RouteContext context)
    {
        var suggestion = SuggestFallback(context);
        return suggestion is null
            ? ("add a [Fallback] with an active model from another provider that has what the route needs (the catalog has none; add one to your models.json)", ImmutableDictionary<string, string?>.Empty)
            : ($"add [Fallback(\"{suggestion.Id}\")], an active {Describe(suggestion)} model from provider '{suggestion.Provider}' that has what the route needs",
               ImmutableDictionary<string, string?>.Empty.Add(SuggestedFallback, suggestion.Id));
    }

    /// <summary>A blended price (3 input : 1 output tokens) as "$0.69".</summary>
    public static string Price(double blendedPerMillion) => "$" + blendedPerMillion.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Describe(ModelEntry entry) => entry.Class == ModelClass.Unknown ? "catalog" : ModelClasses.Format(entry.Class);

    private static bool PassesTools(ITypeSymbol type)
    {
        if (IsTool(type))
        {
            return true;
        }

        if (type is IArrayTypeSymbol array)
        {
            return IsTool(array.ElementType);
        }

        return type is INamedTypeSymbol { IsGenericType: true } named
            && (named.TypeArguments.Any(IsTool) || named.AllInterfaces.Any(static i => i.IsGenericType && i.TypeArguments.Any(IsTool)));
    }

    private static bool IsTool(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (KnownNames.Is(current, AIToolType))
            {
                return true;
            }
        }

        return false;
    }

    private static string ShortName(string fullyQualified)
    {
        var name = fullyQualified.StartsWith("global::", System.StringComparison.Ordinal) ? fullyQualified.Substring(8) : fullyQualified;
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
