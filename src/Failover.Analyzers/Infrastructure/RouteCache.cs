using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// Parses each route once per compilation however many rules look at it (symbols are unique per compilation, so the
/// table lives as long as the compilation does). The declaration analyzer reports the parse's diagnostics; the route
/// rules judge its route.
/// </summary>
internal static class RouteCache
{
    private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<RouteParseResult?>> Results = new();

    /// <summary>The route declared on <paramref name="method"/>, or null when it has none or has a declaration error.</summary>
    public static RouteModel? Get(IMethodSymbol method, INamedTypeSymbol routeAttribute, CancellationToken cancellationToken) =>
        Parse(method, routeAttribute, cancellationToken)?.Route;

    /// <summary>The whole parse of <paramref name="method"/> (route and declaration diagnostics), or null when it has no [ModelRoute].</summary>
    public static RouteParseResult? Parse(IMethodSymbol method, INamedTypeSymbol routeAttribute, CancellationToken cancellationToken)
    {
        if (Results.TryGetValue(method, out var cached))
        {
            return cached.Value;
        }

        var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, routeAttribute));
        var result = attribute is null ? null : RouteParser.Parse(method, attribute, cancellationToken);
        return Results.GetValue(method, _ => new StrongBox<RouteParseResult?>(result)).Value;
    }
}
