using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>Reads the opt-in routing attributes of a route: [Hedge], [Canary], [CanaryKey], [Degrade], JSON context and context estimation.</summary>
internal static class RoutingFeaturesParser
{
    public static RoutingFeatures? Read(
        IMethodSymbol method,
        INamedTypeSymbol iface,
        AttributeData routeAttribute,
        string routeName,
        ReturnModel? returnModel,
        List<ParameterModel> parameters,
        List<DiagnosticInfo> diagnostics,
        ref bool canGenerate)
    {
        var methodLocation = LocationInfo.From(method.Locations.FirstOrDefault());
        int? hedge = null;
        if (Find(method, KnownNames.HedgeAttribute) is { } hedgeAttribute)
        {
            var afterMs = Named(hedgeAttribute, "AfterMs") is int ms ? ms : AttributeDefaults.HedgeAfterMs;
            if (!AttributeRangeChecks.Check(hedgeAttribute, "Hedge", LocationInfo.From(hedgeAttribute.ApplicationSyntaxReference), routeName, diagnostics))
            {
                canGenerate = false;
            }

            hedge = afterMs;
        }

        ModelReference? canary = null;
        var percent = AttributeDefaults.CanaryPercent;
        if (Find(method, KnownNames.CanaryAttribute) is { AttributeConstructor: not null } canaryAttribute)
        {
            var location = LocationInfo.From(canaryAttribute.ApplicationSyntaxReference) ?? methodLocation;
            canary = new ModelReference(canaryAttribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty, location);
            var id = canary.Id;
            if (!RouteParser.IsWellFormedModelId(id))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, location, routeName, id));
                canGenerate = false;
            }

            percent = Named(canaryAttribute, "Percent") is double p ? p : AttributeDefaults.CanaryPercent;
            if (!(percent > 0 && percent <= 100))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, $"[Canary] Percent is {percent.ToString(CultureInfo.InvariantCulture)}; use a share of calls above 0 and at most 100, for example Percent = 5"));
                canGenerate = false;
            }
        }

        string? canaryKey = null;
        foreach (var parameter in method.Parameters)
        {
            if (!parameter.GetAttributes().Any(static a => KnownNames.Is(a.AttributeClass, KnownNames.CanaryKeyAttribute)))
            {
                continue;
            }

            var location = LocationInfo.From(parameter.Locations.FirstOrDefault());
            if (parameter.Type.SpecialType != SpecialType.System_String)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCanaryKey, location, routeName, $"[CanaryKey] parameter '{parameter.Name}' is not a string; make it a string (a user or tenant id) or remove [CanaryKey]"));
                canGenerate = false;
            }
            else if (canaryKey is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCanaryKey, location, routeName, $"[CanaryKey] is on both '{canaryKey}' and '{parameter.Name}'; keep it on the one parameter that identifies the caller"));
                canGenerate = false;
            }
            else if (canary is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCanaryKey, location, routeName, $"[CanaryKey] parameter '{parameter.Name}' has no effect without a [Canary] on the method; add [Canary(\"provider/model\")] or remove [CanaryKey]"));
                canGenerate = false;
            }

            canaryKey ??= parameter.Name;
            var index = parameters.FindIndex(p => p.Name == parameter.Name);
            if (index >= 0)
            {
                parameters[index] = parameters[index] with { Role = ParameterRole.CanaryKey };
            }
        }

        var degrade = ReadDegrade(method, iface, routeName, returnModel, diagnostics, ref canGenerate);

        string? jsonContext = null;
        var contextType = Named(routeAttribute, "JsonContext") as ITypeSymbol
            ?? Find(iface, KnownNames.JsonContextAttribute)?.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
        if (contextType is not null)
        {
            if (!DerivesFrom(contextType, KnownNames.JsonSerializerContext))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, LocationInfo.From(routeAttribute.ApplicationSyntaxReference) ?? methodLocation, routeName,
                    $"JsonContext '{contextType.ToDisplayString()}' does not derive from System.Text.Json.Serialization.JsonSerializerContext; pass a source-generated context (a partial class deriving from JsonSerializerContext with [JsonSerializable(typeof(T))])"));
                canGenerate = false;
            }

            jsonContext = contextType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        var estimate = Named(routeAttribute, "EstimateContext") is true;
        if (hedge is null && canary is null && degrade is null && jsonContext is null && !estimate && canaryKey is null)
        {
            return null;
        }

        return new RoutingFeatures(hedge, canary, percent, canaryKey, degrade, jsonContext, estimate);
    }

    private static DegradeModel? ReadDegrade(IMethodSymbol method, INamedTypeSymbol iface, string routeName, ReturnModel? returnModel, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        if (Find(method, KnownNames.DegradeAttribute) is not { AttributeConstructor: not null } attribute)
        {
            return null;
        }

        var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
        var args = attribute.ConstructorArguments;
        var type = args.Length == 2 ? args[0].Value as INamedTypeSymbol : iface;
        var name = args.Length == 2 ? args[1].Value as string : args.FirstOrDefault().Value as string;
        string? problem = null;
        DegradeModel? result = null;
        if (returnModel is null)
        {
            return null;
        }

        if (returnModel.IsStream)
        {
            problem = "is not supported on streaming routes: a stream that fails before its first chunk throws";
        }
        else if (type is null || string.IsNullOrEmpty(name))
        {
            problem = "names no method; write [Degrade(nameof(Method))] or [Degrade(typeof(Type), nameof(Type.Method))]";
        }
        else
        {
            var candidates = type.GetMembers(name!).OfType<IMethodSymbol>().ToList();
            var routeParameters = method.Parameters.Where(static p => !KnownNames.Is(p.Type, "System.Threading.CancellationToken")).ToList();
            var token = method.Parameters.FirstOrDefault(static p => KnownNames.Is(p.Type, "System.Threading.CancellationToken"));
            foreach (var candidate in candidates)
            {
                if (!candidate.IsStatic || candidate.IsGenericMethod || !IsVisibleToGeneratedCode(candidate))
                {
                    continue;
                }

                if (candidate.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) != returnModel.ValueType)
                {
                    continue;
                }

                var ps = candidate.Parameters;
                if (ps.Length == 0)
                {
                    result = new DegradeModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), candidate.Name, false, false);
                    break;
                }

                if (Same(ps, routeParameters, null) || (token is not null && Same(ps, routeParameters, token)))
                {
                    result = new DegradeModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), candidate.Name, true, ps.Length > routeParameters.Count);
                    break;
                }
            }

            if (result is null)
            {
                var valueType = returnModel.ValueType.Replace("global::", string.Empty);
                problem = candidates.Count == 0
                    ? $"names '{name}', but '{type.ToDisplayString()}' has no method of that name"
                    : $"'{type.ToDisplayString()}.{name}' must be an accessible static method returning '{valueType}' and taking no parameters or the route's parameters in order";
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDegrade, location, routeName, problem));
            canGenerate = false;
        }

        return result;
    }

    private static bool Same(System.Collections.Immutable.ImmutableArray<IParameterSymbol> candidate, List<IParameterSymbol> route, IParameterSymbol? token)
    {
        var expected = token is null ? route : route.Concat(new[] { token }).ToList();
        if (candidate.Length != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i].RefKind != RefKind.None || !SymbolEqualityComparer.Default.Equals(candidate[i].Type, expected[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the generated client, a top-level class of the same assembly, can call <paramref name="symbol"/>.</summary>
    private static bool IsVisibleToGeneratedCode(ISymbol symbol)
    {
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingType)
        {
            if (s.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                || s is INamedTypeSymbol { IsFileLocal: true })
            {
                return false;
            }
        }

        return true;
    }

    private static bool DerivesFrom(ITypeSymbol type, string baseName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (KnownNames.Is(t, baseName))
            {
                return true;
            }
        }

        return false;
    }

    private static AttributeData? Find(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => KnownNames.Is(a.AttributeClass, name));

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value;
            }
        }

        return null;
    }
}
