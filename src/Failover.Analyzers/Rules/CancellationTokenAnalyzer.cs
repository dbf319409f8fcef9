using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO116: a route method without a CancellationToken parameter (reported on the method name).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingCancellationToken);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        if (!context.Route.Parameters.Any(static p => p.Role == ParameterRole.CancellationToken))
        {
            context.Report(DiagnosticDescriptors.MissingCancellationToken, context.Route.Location, context.Route.RouteName);
        }
    }
}
