using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO102: every fallback is on the primary's provider, so one provider problem takes out the whole chain.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProviderDiversityAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FallbacksNotProviderDiverse);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var provider = route.Primary.Provider;
        if (route.Fallbacks.IsEmpty || !route.Fallbacks.All(f => string.Equals(f.Provider, provider, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var (advice, properties) = RouteFacts.FallbackAdvice(route, context.Catalog);
        context.Report(DiagnosticDescriptors.FallbacksNotProviderDiverse, route.Primary.Location, properties, route.RouteName, provider, advice);
    }
}
