using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>FO103: no [Retry] on the method, its interface or the assembly.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryRuleAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoRetryRule);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        if (context.Route.Retry.Source == 0)
        {
            context.Report(DiagnosticDescriptors.NoRetryRule, context.Route.Primary.Location, context.Route.RouteName);
        }
    }
}
