using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO104: the one switch in the attribute surface that retries a deterministic failure. A content-policy block is
/// the same verdict on every attempt (the failure policy never retries it); FallbackOnContentPolicy = true re-sends
/// the blocked prompt to the next model. [Retry] itself cannot retry deterministic failures: it only applies to
/// transient ones, and RetryInvalidResponse is capped at one extra attempt by the engine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContentPolicyFallbackAnalyzer : RouteAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContentPolicyFallback);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        if (context.Route.FallbackOnContentPolicy)
        {
            context.Report(DiagnosticDescriptors.ContentPolicyFallback, context.Route.Primary.Location, context.Route.RouteName);
        }
    }
}
