using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Reads a route's <c>[ChatDefaults]</c>: the interface's, then the method's over it, property by property. Values outside
/// what the providers accept are FO008 (the ranges live in <see cref="ValueRanges"/>), so a route never sends a request
/// that every model of its chain would reject as malformed, which would stop the route instead of falling back.
/// </summary>
internal static class ChatDefaultsParser
{
    public static ChatDefaultsModel? Read(
        IMethodSymbol method,
        INamedTypeSymbol iface,
        string routeName,
        ReturnModel? returnModel,
        IEnumerable<ModelReference> chain,
        List<DiagnosticInfo> diagnostics,
        ref bool canGenerate)
    {
        var onInterface = Find(iface);
        var onMethod = Find(method);
        if (onInterface is null && onMethod is null)
        {
            return null;
        }

        double? temperature = null, topP = null, frequency = null, presence = null;
        int? maxTokens = null, topK = null;
        long? seed = null;
        var stop = EquatableArray<string>.Empty;
        var format = 0;
        LocationInfo? temperatureLocation = null;
        foreach (var attribute in new[] { onInterface, onMethod })
        {
            if (attribute is null)
            {
                continue;
            }

            var location = LocationInfo.From(attribute.ApplicationSyntaxReference) ?? LocationInfo.From(method.Locations.FirstOrDefault());
            if (!AttributeRangeChecks.Check(attribute, "ChatDefaults", location, routeName, diagnostics))
            {
                canGenerate = false;
            }

            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value;
                if (value.Kind == TypedConstantKind.Array)
                {
                    if (named.Key == "Stop")
                    {
                        stop = ReadStop(value, location, routeName, diagnostics, ref canGenerate);
                    }

                    continue;
                }

                switch (named.Key)
                {
                    case "Temperature" when value.Value is double t: temperature = t; temperatureLocation = location; break;
                    case "TopP" when value.Value is double p: topP = p; break;
                    case "FrequencyPenalty" when value.Value is double f: frequency = f; break;
                    case "PresencePenalty" when value.Value is double p: presence = p; break;
                    case "MaxOutputTokens" when value.Value is int m: maxTokens = m; break;
                    case "TopK" when value.Value is int k: topK = k; break;
                    case "Seed" when value.Value is long s: seed = s; break;
                    case "ResponseFormat" when value.Value is int r:
                        format = r;
                        if (r is < 0 or > 2)
                        {
                            Report(diagnostics, location, routeName, $"[ChatDefaults] ResponseFormat is {r}; use DefaultResponseFormat.Text or Json", ref canGenerate);
                        }
                        else if (r != 0 && returnModel?.ReaderKind == ReturnKind.Structured)
                        {
                            Report(diagnostics, location, routeName, "[ChatDefaults] ResponseFormat is set on a structured route, which asks for the JSON schema of its result type itself; remove ResponseFormat", ref canGenerate);
                        }

                        break;
                }
            }
        }

        // Anthropic rejects a temperature above 1 as a malformed request, which stops the route rather than falling back.
        if (temperature is { } temp && ValueRanges.Temperature.Contains(temp)
            && chain.FirstOrDefault(static m => m.Provider == "anthropic") is { } anthropic
            && ValueRanges.AnthropicTemperature.CheckNumber("[ChatDefaults] Temperature", temp) is { } problem)
        {
            Report(diagnostics, temperatureLocation, routeName, $"{problem}, and '{anthropic.Id}' is in this route's chain; use at most 1 (a higher value would be a malformed request there, which does not fall back)", ref canGenerate);
        }

        return new ChatDefaultsModel(temperature, maxTokens, topP, topK, frequency, presence, seed, stop, format);
    }

    private static EquatableArray<string> ReadStop(TypedConstant value, LocationInfo? location, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        if (value.IsNull)
        {
            return EquatableArray<string>.Empty;
        }

        var items = value.Values.Select(static v => v.Value as string).ToList();
        if (ValueRanges.StopSequences.Check("[ChatDefaults] Stop", items.Count) is { } countProblem)
        {
            Report(diagnostics, location, routeName, countProblem, ref canGenerate);
        }

        if (items.Any(string.IsNullOrEmpty))
        {
            Report(diagnostics, location, routeName, "[ChatDefaults] Stop has an empty or null sequence; providers reject it: remove it", ref canGenerate);
        }

        return new EquatableArray<string>(items.Where(static s => !string.IsNullOrEmpty(s)).Select(static s => s!));
    }

    private static void Report(List<DiagnosticInfo> diagnostics, LocationInfo? location, string routeName, string problem, ref bool canGenerate)
    {
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
        canGenerate = false;
    }

    private static AttributeData? Find(ISymbol symbol) =>
        symbol.GetAttributes().FirstOrDefault(static a => KnownNames.Is(a.AttributeClass, KnownNames.ChatDefaultsAttribute));
}
