using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Generates a failover client and a route table for every interface with [ModelRoute] methods.
/// Pipeline: attributed methods -> location-free <see cref="GenerationModel"/>s -> grouped by interface -> source.
/// The generator reports no diagnostics: the analyzers report every FO id from the same parse, on source locations,
/// and an interface with a declaration problem simply gets no client here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FailoverGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var routes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.ModelRouteAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => SafeParse(ctx, ct))
            .WithTrackingName(TrackingNames.Routes)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.RouteModels);

        // Every route method of an interface, parsed or not: an interface is only generated when all of them parsed.
        var interfaces = routes
            .Collect()
            .SelectMany(static (models, _) => Group(models))
            .WithTrackingName(TrackingNames.Interfaces);

        var catalog = ModelCatalogSource.Create(context);

        context.RegisterSourceOutput(interfaces.Combine(catalog), static (spc, pair) =>
        {
            var (group, facts) = pair;
            if (SafeEmit(group, facts) is { } source)
            {
                spc.AddSource(group.HintName, source);
            }
        });
    }

    private static GenerationModel? SafeParse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.IsDefaultOrEmpty)
        {
            return null;
        }

        try
        {
            return GenerationModel.From(RouteParser.Parse(method, context.Attributes[0], cancellationToken));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The generator must never throw into the compiler (CS8785). A method the parser cannot read makes its
            // interface ungenerated; the analyzers, which run the same parse, contain the failure the same way.
            return method.ContainingType is { TypeKind: TypeKind.Interface } iface
                ? new GenerationModel(new InterfaceModel(string.Empty, iface.Name, iface.Name, false, string.Empty, string.Empty, iface.Name, "unreadable"), null)
                : null;
        }
    }

    private static string? SafeEmit(InterfaceRoutes group, EquatableArray<ModelFacts> facts)
    {
        try
        {
            return ClientEmitter.Emit(group.Interface, group.Routes, facts);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // No client rather than a crash; the interface then fails to resolve at startup with a clear message.
            return null;
        }
    }

    /// <summary>
    /// Groups routes by interface and keeps the interfaces that can be generated whole: no FO011/FO012 problem, and
    /// every [ModelRoute] method parsed. A client missing a member would not compile (CS0535); the FO0xx errors say why.
    /// Hint names are made unique here (compared as the compiler does, ignoring case), so that two interfaces whose
    /// names sanitise alike (a nested <c>Ai.ITagger</c> and a top-level <c>Ai_ITagger</c>) never clash.
    /// </summary>
    private static ImmutableArray<InterfaceRoutes> Group(ImmutableArray<GenerationModel> models)
    {
        var groups = new Dictionary<InterfaceModel, List<RouteModel>>();
        var failed = new HashSet<InterfaceModel>();
        foreach (var model in models)
        {
            if (!groups.TryGetValue(model.Interface, out var list))
            {
                groups[model.Interface] = list = new List<RouteModel>();
            }

            if (model.Route is null)
            {
                failed.Add(model.Interface);
            }
            else
            {
                list.Add(model.Route);
            }
        }

        var hints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<InterfaceRoutes>();
        foreach (var iface in groups.Keys
            .Where(i => i.Problem is null && i.NameClash is null && !failed.Contains(i) && groups[i].Count >= i.RouteMethodCount)
            .OrderBy(static i => i.HintName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static i => i.FullyQualifiedName, StringComparer.Ordinal))
        {
            var hint = iface.HintName;
            for (var n = 2; !hints.Add(hint); n++)
            {
                hint = iface.HintName.Substring(0, iface.HintName.Length - ".g.cs".Length) + "_" + n.ToString(CultureInfo.InvariantCulture) + ".g.cs";
            }

            result.Add(new InterfaceRoutes(iface, groups[iface].ToEquatableArray(), hint));
        }

        return result.ToImmutable();
    }
}

/// <summary>One interface, the routes it declares, and the unique hint name of its generated file.</summary>
internal sealed record InterfaceRoutes(InterfaceModel Interface, EquatableArray<RouteModel> Routes, string HintName);
