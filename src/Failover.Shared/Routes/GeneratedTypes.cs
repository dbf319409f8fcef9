using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Per namespace, which route interfaces generate each type name (client and route table), computed once per
/// namespace symbol for FO012. Without it every route method walked every type of its namespace again: quadratic in
/// the number of route interfaces (a project with 100 interfaces in one namespace paid 1,000 walks of 100 types).
/// </summary>
internal static class GeneratedTypes
{
    private static readonly ConditionalWeakTable<INamespaceSymbol, Dictionary<string, List<INamedTypeSymbol>>> ByNamespace = new();

    /// <summary>Generated type name -> the route interfaces declared in <paramref name="ns"/> that generate it.</summary>
    public static IReadOnlyDictionary<string, List<INamedTypeSymbol>> Of(INamespaceSymbol ns) => ByNamespace.GetValue(ns, Collect);

    private static Dictionary<string, List<INamedTypeSymbol>> Collect(INamespaceSymbol ns)
    {
        var names = new Dictionary<string, List<INamedTypeSymbol>>(System.StringComparer.Ordinal);
        foreach (var iface in RouteParser.RouteInterfaces(ns))
        {
            var (client, routes) = RouteParser.GeneratedNames(iface);
            Add(names, client, iface);
            Add(names, routes, iface);
        }

        return names;
    }

    private static void Add(Dictionary<string, List<INamedTypeSymbol>> names, string name, INamedTypeSymbol iface)
    {
        if (!names.TryGetValue(name, out var list))
        {
            names[name] = list = new List<INamedTypeSymbol>();
        }

        list.Add(iface);
    }
}
