using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO113: a route with no Owner (info by default: useful, but not a reliability risk on its own).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RouteOwnerAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RouteWithoutOwner);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        if (context.Route.Owner is null)
        {
            context.Report(DiagnosticDescriptors.RouteWithoutOwner, context.Route.Primary.Location, context.Route.RouteName);
        }
    }
}
