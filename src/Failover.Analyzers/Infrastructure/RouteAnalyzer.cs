using System;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// The base of every route rule: once per compilation it loads the model catalog, then hands each [ModelRoute]
/// method, parsed by the shared <see cref="RouteParser"/>, to <see cref="AnalyzeRoute"/>. Routes with a declaration
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
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, routeAttribute, catalog, catalogDate), SymbolKind.Method);
        });
    }

    private protected abstract void AnalyzeRoute(RouteContext context);

    private void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol routeAttribute, ModelCatalog catalog, string catalogDate)
    {
        try
        {
            var method = (IMethodSymbol)context.Symbol;
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
