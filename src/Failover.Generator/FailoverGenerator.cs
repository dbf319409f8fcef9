using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Generates a failover client and a route table for every interface with [ModelRoute] methods.
/// Pipeline: attributed methods -> equatable <see cref="RouteParseResult"/>s -> grouped by interface -> source;
/// diagnostics travel beside the models as data and are reported from their own output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FailoverGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.ModelRouteAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => SafeParse(ctx, ct))
            .WithTrackingName(TrackingNames.Routes);

        var diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // Every route method of an interface, parsed or not: an interface is only generated when all of them parsed.
        var interfaces = results
            .Where(static result => result.Interface is not null)
            .Select(static (result, _) => (Interface: result.Interface!, Route: result.Route))
            .WithTrackingName(TrackingNames.RouteModels)
            .Collect()
            .SelectMany(static (routes, _) => Group(routes))
            .WithTrackingName(TrackingNames.Interfaces);

        var catalog = ModelCatalogSource.Create(context);

        context.RegisterSourceOutput(interfaces.Combine(catalog), static (spc, pair) =>
        {
            var (group, facts) = pair;
            spc.AddSource(group.Interface.HintName, ClientEmitter.Emit(group.Interface, group.Routes, facts));
        });
    }

    private static RouteParseResult SafeParse(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.IsDefaultOrEmpty)
        {
            return new RouteParseResult(null, null, EquatableArray<DiagnosticInfo>.Empty);
        }

        try
        {
            return RouteParser.Parse(method, context.Attributes[0], cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception error)
        {
            // The generator must never throw into the compiler; an unexpected failure becomes a diagnostic.
            var diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedMethodShape,
                LocationInfo.From(method.Locations.FirstOrDefault()),
                method.Name,
                "the generator hit an internal error (" + error.GetType().Name + ": " + error.Message + "); please report it");
            return new RouteParseResult(null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
    }

    /// <summary>
    /// Groups routes by interface and keeps the interfaces that can be generated whole: no FO011 problem, and every
    /// [ModelRoute] method parsed. A client missing a member would not compile (CS0535); the FO0xx errors say why.
    /// </summary>
    private static ImmutableArray<InterfaceRoutes> Group(ImmutableArray<(InterfaceModel Interface, RouteModel? Route)> routes)
    {
        var groups = new Dictionary<InterfaceModel, List<RouteModel>>();
        var failed = new HashSet<InterfaceModel>();
        var order = new List<InterfaceModel>();
        foreach (var (iface, route) in routes)
        {
            if (!groups.TryGetValue(iface, out var list))
            {
                groups[iface] = list = new List<RouteModel>();
                order.Add(iface);
            }

            if (route is null)
            {
                failed.Add(iface);
            }
            else
            {
                list.Add(route);
            }
        }

        return order
            .Where(i => i.Problem is null && !failed.Contains(i) && groups[i].Count >= i.RouteMethodCount)
            .OrderBy(static i => i.HintName, StringComparer.Ordinal)
            .Select(i => new InterfaceRoutes(i, groups[i].ToEquatableArray()))
            .ToImmutableArray();
    }
}

/// <summary>One interface and the routes it declares.</summary>
internal sealed record InterfaceRoutes(InterfaceModel Interface, EquatableArray<RouteModel> Routes);
