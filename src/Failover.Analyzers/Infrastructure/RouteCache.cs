using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// Parses each route once per compilation however many rules look at it (symbols are unique per compilation, so the
/// table lives as long as the compilation does).
/// </summary>
internal static class RouteCache
{
    private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<RouteModel?>> Routes = new();

    /// <summary>The route declared on <paramref name="method"/>, or null when it has none or has a declaration error.</summary>
    public static RouteModel? Get(IMethodSymbol method, INamedTypeSymbol routeAttribute, CancellationToken cancellationToken)
    {
        if (Routes.TryGetValue(method, out var cached))
        {
            return cached.Value;
        }

        var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, routeAttribute));
        var route = attribute is null ? null : RouteParser.Parse(method, attribute, cancellationToken).Route;
        return Routes.GetValue(method, _ => new StrongBox<RouteModel?>(route)).Value;
    }
}
