using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO108 / FO109 on every model the route may call (primary, fallbacks, canary): FO109 when the catalog marks it
/// disabled, or deprecated with a retirement date on or before the catalog date (<see cref="CatalogDate"/>); FO108 when
/// it is deprecated with a retirement date still ahead. The replacement is offered only when it is itself served.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelLifecycleAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DeprecatedModel, DiagnosticDescriptors.DisabledModel);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var date = context.CatalogDate;
        foreach (var model in context.Models)
        {
            if (context.Catalog.Find(model.Id) is not { IsActive: false } entry)
            {
                continue;
            }

            var replacement = entry.Replacement is { } r && context.Catalog.Find(r) is { IsActive: true } active && active.IsServedOn(date) ? active.Id : null;
            var properties = replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, replacement);
            if (entry.IsServedOn(date))
            {
                var advice = replacement is null
                    ? "move the route to an active model before then"
                    : $"replace it with '{replacement}' before then";
                context.Report(DiagnosticDescriptors.DeprecatedModel, model.Location, properties, model.Id, context.Route.RouteName, entry.LifecycleDate, advice);
                continue;
            }

            var state = entry.Lifecycle == ModelLifecycle.Disabled
                ? entry.LifecycleDate is { } since ? $"is disabled since {since}" : "is disabled"
                : $"was retired on {entry.LifecycleDate} (its deprecation date; this build judges dates as of {date}, see FailoverCatalogDate)";
            var fix = replacement is null ? "move the route to an active model" : $"replace it with '{replacement}'";
            context.Report(DiagnosticDescriptors.DisabledModel, model.Location, properties, model.Id, context.Route.RouteName, state, fix);
        }
    }
}
