using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO102: every fallback that can serve calls is on the primary's provider, so one provider problem takes out the whole
/// chain. Disabled and retired fallbacks do not count (a route whose every fallback is such gets FO100/FO101 instead).
/// </summary>
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
        var served = context.ServedFallbacks;
        if (served.IsEmpty || !served.All(f => string.Equals(f.Provider, provider, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var (advice, properties) = RouteFacts.FallbackAdvice(context);
        context.Report(DiagnosticDescriptors.FallbacksNotProviderDiverse, route.Primary.Location, properties, route.RouteName, provider, advice);
    }
}
