using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO118: a model call that bypasses routes (a direct <c>IChatClient</c>, OpenAI SDK or Anthropic SDK chat call in
/// application code), reported on the invocation. What counts as a model call is decided once, in
/// <see cref="ModelCallSites"/>, which also feeds the generated list of unrouted calls for the route inventory.
/// Generated code is not analyzed, so Failover's own generated clients never trip it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnroutedModelCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnroutedModelCall);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        try
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!ModelCallSites.IsCandidateName(invocation.TargetMethod.Name)
                || ModelCallSites.Describe(invocation.TargetMethod) is not { } api
                || ModelCallSites.IsInsideChatClient(context.ContainingSymbol.ContainingType))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnroutedModelCall,
                invocation.Syntax.GetLocation(),
                api,
                context.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // An analyzer never fails the build.
        }
    }
}
