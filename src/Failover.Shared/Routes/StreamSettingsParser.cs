using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Reads a route's stream limits and recovery (<c>[ModelRoute(FirstTokenTimeoutMs, StallTimeoutMs, StreamRecovery)]</c>,
/// with the interface's or assembly's <c>[RouteTimeout]</c> as defaults) and the per-kind retry lists of its
/// <c>[Retry(RetryOn, NoRetryOn)]</c>. Never throws: bad values become diagnostics.
/// </summary>
internal static class StreamSettingsParser
{
    /// <summary>The largest <c>FailureKind</c> value a retry list may name (<c>NoResponse</c>); 0 (None) is never valid.</summary>
    private const int MaxFailureKind = 16;

    public static StreamSettings Read(IMethodSymbol method, INamedTypeSymbol iface, AttributeData routeAttribute, string routeName, LocationInfo? location, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        int? firstToken = null, stall = null;
        var recovery = 0;
        foreach (var named in routeAttribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "FirstTokenTimeoutMs" when named.Value.Value is int v: firstToken = Positive(v, "FirstTokenTimeoutMs", routeName, location, diagnostics, ref canGenerate); break;
                case "StallTimeoutMs" when named.Value.Value is int v: stall = Positive(v, "StallTimeoutMs", routeName, location, diagnostics, ref canGenerate); break;
                case "StreamRecovery" when named.Value.Value is int v: recovery = v; break;
            }
        }

        foreach (var attribute in new[] { Find(iface.GetAttributes(), KnownNames.RouteTimeoutAttribute), Find(method.ContainingAssembly.GetAttributes(), KnownNames.RouteTimeoutAttribute) })
        {
            foreach (var named in attribute?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
            {
                if (named.Key == "FirstTokenTimeoutMs" && named.Value.Value is int f && f > 0)
                {
                    firstToken ??= f;
                }
                else if (named.Key == "StallTimeoutMs" && named.Value.Value is int s && s > 0)
                {
                    stall ??= s;
                }
            }
        }

        if (recovery is < 0 or > 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, $"StreamRecovery is {recovery}; use StreamRecovery.None, Restart or Continue"));
            canGenerate = false;
        }

        var retry = Find(method.GetAttributes(), KnownNames.RetryAttribute)
            ?? Find(iface.GetAttributes(), KnownNames.RetryAttribute)
            ?? Find(method.ContainingAssembly.GetAttributes(), KnownNames.RetryAttribute);
        var retryOn = EquatableArray<int>.Empty;
        var noRetryOn = EquatableArray<int>.Empty;
        foreach (var named in retry?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
        {
            if (named.Key is "RetryOn" or "NoRetryOn" && named.Value.Kind == TypedConstantKind.Array && !named.Value.IsNull)
            {
                var kinds = new List<int>();
                foreach (var item in named.Value.Values)
                {
                    if (item.Value is int kind && kind > 0 && kind <= MaxFailureKind)
                    {
                        kinds.Add(kind);
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, LocationInfo.From(retry!.ApplicationSyntaxReference) ?? location, routeName, $"[Retry] {named.Key} lists {item.Value}, which is not a failure kind; list FailureKind values other than None"));
                        canGenerate = false;
                    }
                }

                if (named.Key == "RetryOn")
                {
                    retryOn = new EquatableArray<int>(kinds);
                }
                else
                {
                    noRetryOn = new EquatableArray<int>(kinds);
                }
            }
        }

        return new StreamSettings(firstToken, stall, recovery, retryOn, noRetryOn);
    }

    private static int? Positive(int value, string name, string routeName, LocationInfo? location, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        if (value < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, $"{name} is {value}; use a positive number of milliseconds, or 0 to inherit the default"));
            canGenerate = false;
        }

        return value > 0 ? value : null;
    }

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => KnownNames.Is(a.AttributeClass, name));
}

/// <summary>A route's stream limits and recovery, and its retry lists by failure kind (FailureKind values).</summary>
internal sealed record StreamSettings(int? FirstTokenTimeoutMs, int? StallTimeoutMs, int StreamRecovery, EquatableArray<int> RetryOn, EquatableArray<int> NoRetryOn);
