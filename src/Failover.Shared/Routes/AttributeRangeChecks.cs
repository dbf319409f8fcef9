using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Checks every named integer argument of a route attribute against <see cref="ValueRanges"/> (FO008), so a time
/// value or count Polly would refuse is an error at compile time, with the allowed range in the message.
/// </summary>
internal static class AttributeRangeChecks
{
    /// <summary>Reports each out-of-range argument; false when any was.</summary>
    public static bool Check(AttributeData attribute, string label, LocationInfo? location, string routeName, List<DiagnosticInfo> diagnostics)
    {
        var inRange = true;
        foreach (var named in attribute.NamedArguments)
        {
            // Array arguments (Retry's RetryOn/NoRetryOn) have no Value: reading it throws.
            if (named.Value.Kind != TypedConstantKind.Array
                && named.Value.Value is int value
                && ValueRanges.For(named.Key) is { } range
                && range.Check($"[{label}] {named.Key}", value, ZeroMeaning(named.Key)) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
                inRange = false;
            }
        }

        return inRange;
    }

    private static string? ZeroMeaning(string name) =>
        name.EndsWith("TimeoutMs", StringComparison.Ordinal) ? "to inherit the default" : null;
}
