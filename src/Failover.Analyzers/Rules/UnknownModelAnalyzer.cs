using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO107: a model id the catalog does not know, with a "did you mean" from the catalog.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownModelAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnknownModel);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        foreach (var model in context.Models)
        {
            if (context.Catalog.Contains(model.Id))
            {
                continue;
            }

            var suggestion = context.Catalog.SuggestId(model.Id);
            var advice = suggestion is null
                ? "fix the id, or add the model to a models.json passed as AdditionalFiles"
                : $"did you mean '{suggestion}'? Otherwise add the model to a models.json passed as AdditionalFiles";
            var properties = suggestion is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(RouteFacts.ReplacementModel, suggestion);
            context.Report(DiagnosticDescriptors.UnknownModel, model.Location, properties, model.Id, context.Route.RouteName, advice);
        }
    }
}
