using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO117: StreamRecovery.Continue sends the partial answer to the next model as an assistant prefill, and only a
/// model whose catalog entry lists the <c>prefill</c> capability accepts one (others reject the request or answer from
/// the start). A fallback without it would make the promise of the route false, so the route is an error.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContinueRecoveryAnalyzer : RouteAnalyzer
{
    private const int Continue = 2;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContinueWithoutPrefill);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        if (context.Route.Stream is not { StreamRecovery: Continue })
        {
            return;
        }

        foreach (var fallback in context.Route.Fallbacks)
        {
            var entry = context.Catalog.Find(fallback.Id);
            if (entry is null || !entry.HasCapabilities(ModelCapabilities.Prefill))
            {
                var why = entry is null ? "is not in the model catalog, so nothing says it accepts an assistant prefill" : "does not accept an assistant prefill (its catalog entry lacks 'prefill')";
                context.Report(DiagnosticDescriptors.ContinueWithoutPrefill, fallback.Location, context.Route.RouteName, fallback.Id, why);
            }
        }
    }
}
