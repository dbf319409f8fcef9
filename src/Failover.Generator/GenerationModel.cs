using System.Linq;

namespace Failover.CodeAnalysis;

/// <summary>
/// What the generator keeps of one parsed route method: the interface and the route, with every location removed.
/// Locations and diagnostics are the analyzers' business; without them, an edit that only moves code (a line added
/// above, a comment, a pragma) yields an equal value, so the pipeline stops there and nothing is regenerated.
/// </summary>
/// <param name="Interface">The interface the method belongs to.</param>
/// <param name="Route">The route, or null when the method has a declaration error (then the interface is not generated).</param>
internal sealed record GenerationModel(InterfaceModel Interface, RouteModel? Route)
{
    public static GenerationModel? From(RouteParseResult result) =>
        result.Interface is null ? null : new GenerationModel(result.Interface, result.Route is { } route ? WithoutLocations(route) : null);

    private static RouteModel WithoutLocations(RouteModel route) => route with
    {
        Primary = WithoutLocation(route.Primary),
        Fallbacks = route.Fallbacks.Select(WithoutLocation).ToEquatableArray(),
        Retry = route.Retry with { Location = null },
        SystemPrompt = route.SystemPrompt is { } system ? system with { Location = null } : null,
        Prompt = route.Prompt is { } prompt ? prompt with { Location = null } : null,
        Location = null,
        Features = route.Features is { } features
            ? features with { CanaryModel = features.CanaryModel is { } canary ? WithoutLocation(canary) : null }
            : null,
    };

    private static ModelReference WithoutLocation(ModelReference model) => model with { Location = null };
}
