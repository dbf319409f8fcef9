using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO001–FO012 and FO119: declarations the generator cannot implement, and per-family prompts no model is sent. The generator reports nothing; this analyzer reports
/// what the one shared <see cref="RouteParser"/> found, on the compilation's own source locations, so <c>#pragma</c>,
/// <c>[SuppressMessage]</c>, .editorconfig severities and <c>&lt;NoWarn&gt;</c> work for these ids like for any other.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedMethodShape,
        DiagnosticDescriptors.RouteOutsideInterface,
        DiagnosticDescriptors.MalformedModelId,
        DiagnosticDescriptors.UnknownPlaceholder,
        DiagnosticDescriptors.UnusedParameter,
        DiagnosticDescriptors.MalformedTemplate,
        DiagnosticDescriptors.NoInput,
        DiagnosticDescriptors.InvalidAttributeValue,
        DiagnosticDescriptors.InvalidDegrade,
        DiagnosticDescriptors.InvalidCanaryKey,
        DiagnosticDescriptors.InterfaceCannotBeGenerated,
        DiagnosticDescriptors.GeneratedNameTaken,
        DiagnosticDescriptors.PromptVariantUnused);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var routeAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.ModelRouteAttribute);
            if (routeAttribute is not null)
            {
                start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, routeAttribute), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol routeAttribute)
    {
        try
        {
            var method = (IMethodSymbol)context.Symbol;
            if (RouteCache.Parse(method, routeAttribute, context.CancellationToken) is not { } result)
            {
                return;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic(method));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never AD0001. The generator contains the same failure by emitting no client for the interface, so say why
            // here rather than leave the user with a missing client and no message.
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsupportedMethodShape,
                context.Symbol.Locations.FirstOrDefault(static l => l.IsInSource) ?? Location.None,
                context.Symbol.Name,
                "Failover could not read this declaration (" + ex.GetType().Name + ": " + ex.Message + "); simplify the attribute arguments and please report this at https://github.com/failover-dotnet/failover/issues"));
        }
    }
}
