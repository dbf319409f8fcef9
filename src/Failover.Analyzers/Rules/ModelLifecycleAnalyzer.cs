using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO108 / FO109: a model the catalog marks deprecated (with its date and replacement) or disabled.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelLifecycleAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DeprecatedModel, DiagnosticDescriptors.DisabledModel);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        foreach (var model in context.Models)
        {
            if (context.Catalog.Find(model.Id) is not { IsActive: false } entry)
            {
                continue;
            }

            var replacement = entry.Replacement is { } r && context.Catalog.Find(r) is { IsActive: true } active ? active.Id : null;
            var advice = replacement is null
                ? "move the route to an active model"
                : $"replace it with '{replacement}'";
            var properties = replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, replacement);
            var descriptor = entry.Lifecycle == ModelLifecycle.Disabled ? DiagnosticDescriptors.DisabledModel : DiagnosticDescriptors.DeprecatedModel;
            context.Report(descriptor, model.Location, properties, model.Id, context.Route.RouteName, entry.LifecycleDate ?? "on an unannounced date", advice);
        }
    }
}
