using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO105 / FO106: a fallback equal to the primary, or a fallback listed twice (ids compare case-insensitively).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackDuplicationAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FallbackSameAsPrimary, DiagnosticDescriptors.DuplicateFallback);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fallback in route.Fallbacks)
        {
            if (string.Equals(fallback.Id, route.Primary.Id, StringComparison.OrdinalIgnoreCase))
            {
                context.Report(DiagnosticDescriptors.FallbackSameAsPrimary, fallback.Location, route.RouteName, fallback.Id);
            }
            else if (!seen.Add(fallback.Id))
            {
                context.Report(DiagnosticDescriptors.DuplicateFallback, fallback.Location, route.RouteName, fallback.Id);
            }
        }
    }
}
