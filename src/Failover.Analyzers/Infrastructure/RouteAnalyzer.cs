using System;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// The base of every route rule: once per compilation it loads the model catalog, then hands each [ModelRoute]
/// method of an interface, parsed by the shared <see cref="RouteParser"/>, to <see cref="AnalyzeRoute"/>. Routes with a declaration
/// error (FO001–FO010, reported by the generator) or on an interface that cannot be generated (FO011) are skipped. A rule that throws is contained here, never AD0001.
/// </summary>
public abstract class RouteAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var routeAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.ModelRouteAttribute);
            if (routeAttribute is null)
            {
                return;
            }

            var catalog = AnalyzerCatalog.Get(start.Compilation, start.Options, start.CancellationToken);
            var catalogDate = CatalogDate.Get(start.Options);
            // Routes only live on interfaces: one callback per interface rather than one per method of the compilation
            // (every rule is its own analyzer, so a per-method action cost each rule a call for every method of every class).
            start.RegisterSymbolAction(symbolContext => AnalyzeInterface(symbolContext, routeAttribute, catalog, catalogDate), SymbolKind.NamedType);
        });
    }

    private protected abstract void AnalyzeRoute(RouteContext context);

    private void AnalyzeInterface(SymbolAnalysisContext context, INamedTypeSymbol routeAttribute, ModelCatalog catalog, string catalogDate)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } iface)
        {
            return;
        }

        foreach (var member in iface.GetMembers())
        {
            if (member is IMethodSymbol method)
            {
                AnalyzeMethod(context, method, routeAttribute, catalog, catalogDate);
            }
        }
    }

    private void AnalyzeMethod(SymbolAnalysisContext context, IMethodSymbol method, INamedTypeSymbol routeAttribute, ModelCatalog catalog, string catalogDate)
    {
        try
        {
            var route = RouteCache.Get(method, routeAttribute, context.CancellationToken);
            if (route is not null)
            {
                AnalyzeRoute(new RouteContext(context, method, route, catalog, catalogDate));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An analyzer must never fail the build; a rule that cannot judge a route says nothing about it.
        }
    }
}
